using Connector.BigCommerce;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.BigCommerce;

public sealed class SignedPayloadVerifierTests
{
    private const string ClientId = "U8RphZeDjQc4kLVSzNjePo0CMjq7yOg";
    // Shorter than the 32 bytes Microsoft.IdentityModel wants for HS256 keys, as some app secrets are.
    private const string ShortSecret = "short-app-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static SignedPayloadVerifier Verifier(string secret = ShortSecret) =>
        new(Options.Create(new BigCommerceAppOptions { ClientId = ClientId, ClientSecret = secret }), new FakeTimeProvider(Now));

    private static Dictionary<string, object?> Claims(DateTimeOffset? issuedAt = null) => Jwt.BigCommerceClaims(ClientId, "z4zn3wo", issuedAt ?? Now.AddMinutes(-1));

    [Fact]
    public async Task A_token_BigCommerce_signed_names_the_store_the_user_and_the_owner()
    {
        var payload = await Verifier().VerifyAsync(Jwt.Create(Claims(), ShortSecret), CancellationToken.None);

        Assert.Equal(new SignedPayload("z4zn3wo", 9876543, 7654321, "/"), payload with { IssuedAt = default, ExpiresAt = default, TokenId = "" });
        Assert.Equal(Now.AddMinutes(-1), payload.IssuedAt);
        Assert.NotEmpty(payload.TokenId);
    }

    [Fact]
    public async Task A_long_secret_works_as_well()
    {
        var secret = new string('s', 64);

        var payload = await Verifier(secret).VerifyAsync(Jwt.Create(Claims(), secret), CancellationToken.None);

        Assert.Equal("z4zn3wo", payload.StoreHash);
    }

    public static TheoryData<string, string> Refused()
    {
        var good = Claims();
        var expired = Claims(Now.AddDays(-2));
        var future = Claims(Now.AddMinutes(10));
        var otherAudience = new Dictionary<string, object?>(good) { ["aud"] = "another-app" };
        var otherIssuer = new Dictionary<string, object?>(good) { ["iss"] = "someone" };
        var noStore = new Dictionary<string, object?>(good) { ["sub"] = "users/1" };
        var noUser = new Dictionary<string, object?>(good);
        noUser.Remove("user");
        var noExpiry = new Dictionary<string, object?>(good);
        noExpiry.Remove("exp");
        return new TheoryData<string, string>
        {
            { "wrong signature", Jwt.Create(good, "another-secret") },
            { "alg none", Jwt.Create(good, ShortSecret, "none") },
            { "HS512", Jwt.Create(good, ShortSecret, "HS512") },
            { "expired", Jwt.Create(expired, ShortSecret) },
            { "not yet valid", Jwt.Create(future, ShortSecret) },
            { "wrong audience", Jwt.Create(otherAudience, ShortSecret) },
            { "wrong issuer", Jwt.Create(otherIssuer, ShortSecret) },
            { "no store subject", Jwt.Create(noStore, ShortSecret) },
            { "no user", Jwt.Create(noUser, ShortSecret) },
            { "no expiry", Jwt.Create(noExpiry, ShortSecret) },
            { "garbage", "not-a-jwt" },
            { "three garbage parts", "a.b.c" },
        };
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Refuses(string why, string token)
    {
        var error = await Assert.ThrowsAsync<SignedPayloadException>(() => Verifier().VerifyAsync(token, CancellationToken.None));

        Assert.False(string.IsNullOrWhiteSpace(error.Message), why);
        Assert.DoesNotContain(token.Length > 10 ? token[..10] : "\u0000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_token_is_refused()
    {
        await Assert.ThrowsAsync<SignedPayloadException>(() => Verifier().VerifyAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_issued_a_few_seconds_ahead_of_our_clock_is_accepted()
    {
        var payload = await Verifier().VerifyAsync(Jwt.Create(Claims(Now.AddSeconds(10)), ShortSecret), CancellationToken.None);

        Assert.Equal("z4zn3wo", payload.StoreHash);
    }
}
