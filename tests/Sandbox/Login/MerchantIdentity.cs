namespace Sandbox.Login;

/// <summary>A control-panel user as BigCommerce describes them in token answers and JWTs.</summary>
public sealed record MerchantUser(long Id, string Email, string Locale = MerchantIdentity.DefaultLocale);

/// <summary>Who installs or opens the app (<c>user</c>) and who owns the store (<c>owner</c>).</summary>
public sealed record MerchantIdentity(MerchantUser User, MerchantUser Owner)
{
    public const long DefaultUserId = 1001;
    public const string DefaultUserEmail = "merchant@example.com";
    public const string DefaultLocale = "en-US";

    /// <summary>The user defaults to <see cref="DefaultUserId"/>; the owner to the user unless another id is given.</summary>
    public static MerchantIdentity From(long? userId, string? userEmail, string? userLocale, long? ownerId, string? ownerEmail)
    {
        var user = new MerchantUser(userId ?? DefaultUserId, userEmail ?? DefaultUserEmail, userLocale ?? DefaultLocale);
        var ownerIsUser = ownerId is null || ownerId == user.Id;
        var owner = new MerchantUser(
            ownerId ?? user.Id,
            ownerEmail ?? (ownerIsUser ? user.Email : $"owner-{ownerId}@example.com"));
        return new MerchantIdentity(user, owner);
    }

    public static string? Validate(long? userId, string? userEmail, long? ownerId, string? ownerEmail)
    {
        if (userId is <= 0 || ownerId is <= 0)
        {
            return "userId and ownerId must be positive.";
        }
        if (userEmail is { Length: 0 } || ownerEmail is { Length: 0 })
        {
            return "userEmail and ownerEmail must not be empty.";
        }
        return null;
    }
}
