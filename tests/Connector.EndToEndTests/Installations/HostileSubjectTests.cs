using System.Net;
using Connector.EndToEndTests.Infrastructure;
using Connector.Installations;
using Connector.Secrets;

namespace Connector.EndToEndTests.Installations;

/// <summary>
/// A correctly signed callback JWT whose <c>sub</c> is not <c>stores/{hash}</c> with a well-formed hash (a path in it,
/// dots, capitals): refused with a clear 4xx by load, uninstall and remove_user, and the installed store is untouched.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostileSubjectTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Subjects() => new()
    {
        "stores/a/b",
        "stores/../x",
        "stores/{hash}/x",
        "stores/../{hash}",
        "stores/{hash}?x=1",
        "stores/{HASH}",
    };

    [Theory]
    [MemberData(nameof(Subjects))]
    public async Task A_subject_that_is_not_a_store_hash_is_refused_and_changes_nothing(string subject)
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: 900, ownerId: 900);
        var hostile = subject.Replace("{hash}", system.StoreHash, StringComparison.Ordinal)
            .Replace("{HASH}", system.StoreHash.ToUpperInvariant(), StringComparison.Ordinal);
        var jwt = await system.Admin.JwtAsync(new { storeHash = system.StoreHash, subject = hostile, userId = 901 });

        foreach (var callback in new[] { "load", "uninstall", "remove-user" })
        {
            using var response = await system.Connector.Http.GetAsync(
                new Uri($"/api/bigcommerce/{callback}?signed_payload_jwt={Uri.EscapeDataString(jwt)}", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{hostile} on {callback}: {(int)response.StatusCode} {text}");
            Assert.Contains("store", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.False(await system.Service<AppUsers>().ExistsAsync(system.StoreHash, 901, CancellationToken.None));
        Assert.Equal(InstallationStatus.Active, (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))!.Status);
        var secret = (await system.Admin.KeyVaultSecretsAsync()).Single(s => s!["name"]!.GetValue<string>() == StoreTokenVault.SecretName(system.StoreHash))!;
        Assert.False(secret["deleted"]!.GetValue<bool>());
    }
}
