using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.BigCommerce;

public static class BigCommerceJson
{
    /// <summary>V2 sends money as strings ("12.0000") and names in snake_case.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new Rfc2822DateConverter() },
    };
}
