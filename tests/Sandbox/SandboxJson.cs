using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sandbox;

/// <summary>
/// The default encoder escapes '+' as \u002B, which is valid JSON but makes "+0000" dates
/// unreadable in logs and unlike BigCommerce's output. Nothing here is rendered into HTML.
/// </summary>
public static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
