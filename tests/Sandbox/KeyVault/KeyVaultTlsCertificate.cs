using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sandbox.KeyVault;

/// <summary>
/// The self-signed certificate of the Key Vault stand-in's HTTPS listener: RSA 2048, SAN 127.0.0.1,
/// ::1 and localhost, valid 30 days, never written to disk. Made once per process (sandboxes
/// started in-process share it), so a client pins it by its SHA-256 thumbprint.
/// </summary>
public sealed class KeyVaultTlsCertificate
{
    private static readonly Lazy<KeyVaultTlsCertificate> SharedInstance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private KeyVaultTlsCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        ThumbprintSha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        Pem = certificate.ExportCertificatePem();
    }

    public static KeyVaultTlsCertificate Shared => SharedInstance.Value;

    /// <summary>With its private key, as Kestrel needs it.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Upper-case hex of the SHA-256 of the DER certificate (compare case-insensitively).</summary>
    public string ThumbprintSha256 { get; }

    /// <summary>The public certificate only, PEM.</summary>
    public string Pem { get; }

    /// <summary>True when <paramref name="presented"/> is this very certificate; for a client's ServerCertificateCustomValidationCallback.</summary>
    public bool Matches(X509Certificate2? presented) =>
        presented is not null &&
        string.Equals(presented.GetCertHashString(HashAlgorithmName.SHA256), ThumbprintSha256, StringComparison.OrdinalIgnoreCase);

    private static KeyVaultTlsCertificate Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Sandbox Key Vault", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        // A round trip through PKCS#12 gives a key every platform's TLS stack accepts (Windows
        // refuses the ephemeral key CreateSelfSigned returns).
        return new KeyVaultTlsCertificate(X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null));
    }
}
