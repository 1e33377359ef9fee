using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Sandbox.BackOffice;

/// <summary>
/// <c>X-Connector-Signature: sha256=&lt;lowercase hex HMAC-SHA256 of the raw body&gt;</c>, keyed with
/// the shared secret. Compared in constant time so the check leaks nothing about the expected value.
/// </summary>
public sealed class SignatureVerifier(string secret)
{
    public const string Header = "X-Connector-Signature";
    public const string Prefix = "sha256=";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    public string Sign(ReadOnlySpan<byte> content) => Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(_key, content));

    public bool IsValid(string? header, ReadOnlySpan<byte> content)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // Lowercase only, as the contract says: a sender emitting uppercase would fail at a strict integrator.
        var hex = header.AsSpan(Prefix.Length);
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2 || hex.ContainsAnyExcept(LowerHex))
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, presented, out _, out var written) != OperationStatus.Done || written != presented.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, content, expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
