using System.Text.Json;

namespace Connector.LocalHost.Configuration;

/// <summary>
/// A Functions local.settings.json: only its "Values" are app settings. Keys use "__" for
/// nesting, as environment variables do, so "Queues__BatchSize" becomes "Queues:BatchSize".
/// </summary>
public static class LocalSettingsFile
{
    public static Dictionary<string, string?> ReadValues(string path)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });

            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Values", out var values)
                || values.ValueKind != JsonValueKind.Object)
            {
                return settings;
            }

            foreach (var value in values.EnumerateObject())
            {
                settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.ValueKind switch
                {
                    JsonValueKind.String => value.Value.GetString(),
                    JsonValueKind.Null => null,
                    // Functions wants strings, but a bare number or boolean means the obvious thing.
                    _ => value.Value.GetRawText(),
                };
            }

            return settings;
        }
        catch (JsonException ex)
        {
            // The message names the file and position, never the values (they hold connection strings).
            throw new InvalidOperationException($"'{path}' is not valid JSON (line {ex.LineNumber + 1}).", ex);
        }
    }
}
