using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>A JWT taken apart by hand, so tests can look at variants no JWT library would accept.</summary>
public sealed class DecodedJwt
{
    private readonly string[] _parts;

    public DecodedJwt(string jwt)
    {
        _parts = jwt.Split('.');
        Assert.Equal(3, _parts.Length);
        Header = JsonDocument.Parse(Base64Url.DecodeFromChars(_parts[0])).RootElement;
        Payload = JsonDocument.Parse(Base64Url.DecodeFromChars(_parts[1])).RootElement;
    }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    public string Signature => _parts[2];

    public bool SignedWith(string secret, string alg = "HS256")
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var input = Encoding.ASCII.GetBytes($"{_parts[0]}.{_parts[1]}");
        var expected = alg switch
        {
            "HS256" => HMACSHA256.HashData(key, input),
            "HS384" => HMACSHA384.HashData(key, input),
            "HS512" => HMACSHA512.HashData(key, input),
            _ => throw new ArgumentOutOfRangeException(nameof(alg)),
        };
        return CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(_parts[2]));
    }
}
