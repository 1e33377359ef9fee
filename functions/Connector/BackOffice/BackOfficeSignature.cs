using System.Security.Cryptography;
using System.Text;

namespace Connector.BackOffice;

/// <summary>The body signature the back office checks: <c>sha256=</c> + lowercase hex HMAC-SHA256(secret, raw body).</summary>
public static class BackOfficeSignature
{
    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        BackOfficeProtocol.SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time check, for the receiving side (the sandbox, or an integrator's code).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(header));
}
