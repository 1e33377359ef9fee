using System.Text;
using Connector.BackOffice;

namespace Connector.Tests.BackOffice;

public sealed class BackOfficeSignatureTests
{
    private const string Secret = "local-dev-signing-secret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"store_hash":"abc123","order_id":218}""");

    // printf '%s' '{"store_hash":"abc123","order_id":218}' | openssl dgst -sha256 -hmac 'local-dev-signing-secret'
    // SHA2-256(stdin)= d25c594e2edf2119fdb73f21e818c15fcad4d1a609ab5de1a8c96d4fc6faf2df
    private const string OpensslHmac = "d25c594e2edf2119fdb73f21e818c15fcad4d1a609ab5de1a8c96d4fc6faf2df";

    [Fact]
    public void Compute_is_sha256_equals_lowercase_hex_HMAC_SHA256_of_the_raw_body()
    {
        Assert.Equal("sha256=" + OpensslHmac, BackOfficeSignature.Compute(Secret, Body));
    }

    [Fact]
    public void Verify_accepts_the_signature_of_this_body_and_secret()
    {
        Assert.True(BackOfficeSignature.Verify(Secret, Body, "sha256=" + OpensslHmac));
    }

    [Fact]
    public void Verify_refuses_a_body_changed_by_one_byte()
    {
        var tampered = (byte[])Body.Clone();
        tampered[^2] = (byte)'9'; // order_id 218 → 219

        Assert.False(BackOfficeSignature.Verify(Secret, tampered, "sha256=" + OpensslHmac));
    }

    [Fact]
    public void Verify_refuses_a_signature_made_with_another_secret()
    {
        var forged = BackOfficeSignature.Compute("another-secret-of-some-length", Body);

        Assert.False(BackOfficeSignature.Verify(Secret, Body, forged));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(OpensslHmac)]                       // without the sha256= prefix
    [InlineData("sha256=d25c594e2edf2119fdb73f21")] // cut short
    public void Verify_refuses_a_missing_or_malformed_header(string? header)
    {
        Assert.False(BackOfficeSignature.Verify(Secret, Body, header));
    }
}
