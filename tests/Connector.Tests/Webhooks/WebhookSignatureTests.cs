using System.Security.Cryptography;
using System.Text;
using Connector.Webhooks;

namespace Connector.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "client-secret-0123456789";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly byte[] Body = """{"scope":"store/order/created","producer":"stores/abc","data":{"type":"order","id":1}}"""u8.ToArray();

    private static string Ts(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Computed independently of the code under test: HMAC-SHA256("{id}.{ts}.{body}", UTF-8 secret), base64.</summary>
    private static string Expected(string id, string ts, byte[] body, string secret) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{ts}."), .. body]));

    [Fact]
    public void A_valid_signature_is_accepted()
    {
        var ts = Ts(Now);
        Assert.Equal(Expected("msg_1", ts, Body, Secret), WebhookSignature.Sign("msg_1", ts, Body, Secret));
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify("msg_1", ts, Expected("msg_1", ts, Body, Secret), Body, Secret, Now, Tolerance));
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_a_mismatch()
    {
        var ts = Ts(Now);
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify("msg_1", ts, Expected("msg_1", ts, Body, "another-secret"), Body, Secret, Now, Tolerance));
    }

    [Fact]
    public void A_changed_body_id_or_timestamp_is_a_mismatch()
    {
        var ts = Ts(Now);
        var signature = Expected("msg_1", ts, Body, Secret);
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify("msg_1", ts, signature, [.. Body, (byte)' '], Secret, Now, Tolerance));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify("msg_2", ts, signature, Body, Secret, Now, Tolerance));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify("msg_1", Ts(Now.AddSeconds(1)), signature, Body, Secret, Now, Tolerance));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86400)]
    public void A_stale_or_future_timestamp_is_refused_even_when_correctly_signed(int offsetSeconds)
    {
        var ts = Ts(Now.AddSeconds(offsetSeconds));
        Assert.Equal(SignatureCheck.StaleTimestamp, WebhookSignature.Verify("msg_1", ts, Expected("msg_1", ts, Body, Secret), Body, Secret, Now, Tolerance));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void A_timestamp_within_the_tolerance_is_accepted(int offsetSeconds)
    {
        var ts = Ts(Now.AddSeconds(offsetSeconds));
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify("msg_1", ts, Expected("msg_1", ts, Body, Secret), Body, Secret, Now, Tolerance));
    }

    [Theory]
    [InlineData(null, "1800000000", "v1,AAAA")]
    [InlineData("msg_1", null, "v1,AAAA")]
    [InlineData("msg_1", "1800000000", null)]
    [InlineData("msg_1", "1800000000", "  ")]
    public void Missing_headers_are_refused(string? id, string? ts, string? signature) =>
        Assert.Equal(SignatureCheck.Missing, WebhookSignature.Verify(id, ts, signature, Body, Secret, Now, Tolerance));

    [Theory]
    [InlineData("1800000000", "sha256=abc")]
    [InlineData("1800000000", "v1,not base64!")]
    [InlineData("1800000000", "v1,AAAA")]
    [InlineData("1800000000", "v2,c2lnbmF0dXJl")]
    [InlineData("1800000000", "v1")]
    [InlineData("18e8", "v1,AAAA")]
    [InlineData("-5", "v1,AAAA")]
    [InlineData("99999999999999999999", "v1,AAAA")]
    public void Malformed_headers_are_refused(string ts, string signature) =>
        Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify("msg_1", ts, signature, Body, Secret, Now, Tolerance));

    [Fact]
    public void Any_one_of_several_space_separated_signatures_may_match()
    {
        var ts = Ts(Now);
        var good = Expected("msg_1", ts, Body, Secret);
        var old = Expected("msg_1", ts, Body, "previous-secret");
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify("msg_1", ts, $"{old} {good}", Body, Secret, Now, Tolerance));
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify("msg_1", ts, $"v2,whatever {good}", Body, Secret, Now, Tolerance));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify("msg_1", ts, $"{old} v1,garbage", Body, Secret, Now, Tolerance));
    }
}

public sealed class WebhookStoreSecretTests
{
    [Fact]
    public void The_secret_is_lowercase_hex_HMAC_SHA256_of_webhook_colon_store_hash_keyed_with_the_client_secret()
    {
        var expected = Convert.ToHexString(HMACSHA256.HashData("client-secret"u8.ToArray(), "webhook:abc123"u8.ToArray())).ToLowerInvariant();
        Assert.Equal(expected, WebhookStoreSecret.For("client-secret", "abc123"));
        Assert.Matches("^[0-9a-f]{64}$", expected);
    }

    [Fact]
    public void Each_store_and_each_client_secret_gives_another_secret()
    {
        Assert.NotEqual(WebhookStoreSecret.For("s", "abc"), WebhookStoreSecret.For("s", "abd"));
        Assert.NotEqual(WebhookStoreSecret.For("s", "abc"), WebhookStoreSecret.For("t", "abc"));
    }

    [Fact]
    public void Only_the_exact_value_matches()
    {
        var secret = WebhookStoreSecret.For("s", "abc");
        Assert.True(WebhookStoreSecret.Matches("s", "abc", secret));
        Assert.False(WebhookStoreSecret.Matches("s", "abc", secret.ToUpperInvariant()));
        Assert.False(WebhookStoreSecret.Matches("s", "abc", secret[..^1]));
        Assert.False(WebhookStoreSecret.Matches("s", "abc", ""));
        Assert.False(WebhookStoreSecret.Matches("s", "abc", null));
        Assert.False(WebhookStoreSecret.Matches("s", "abd", secret));
    }
}
