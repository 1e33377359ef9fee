using System.Text.Json;

namespace Sandbox.BackOffice;

/// <summary>
/// Checks a <c>POST /backoffice/products</c> body against docs/back-office.openapi.yaml (CanonicalProduct): the ids and
/// version always; for a product (not a deletion) its name, prices and variants, each variant with its SKU and option values.
/// </summary>
public static class CanonicalProductValidator
{
    public sealed record Valid(string StoreHash, long ProductId, DateTimeOffset Version, bool Deleted);

    public static Valid? Validate(JsonElement root, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("The body must be a JSON object.");
            return null;
        }

        var store = root.TryGetProperty("store_hash", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (string.IsNullOrWhiteSpace(store))
        {
            errors.Add("store_hash is required.");
        }

        var productId = root.TryGetProperty("product_id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var i) && i > 0 ? i : 0;
        if (productId == 0)
        {
            errors.Add("product_id must be a positive integer.");
        }

        DateTimeOffset? version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var at) ? at : null;
        if (version is null)
        {
            errors.Add("version must be a date-time.");
        }

        if (!root.TryGetProperty("deleted", out var d) || d.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add("deleted must be a boolean.");
            return null;
        }

        var deleted = d.GetBoolean();
        if (!deleted)
        {
            if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
            {
                errors.Add("name is required for a product.");
            }

            if (!root.TryGetProperty("prices", out var prices) || prices.ValueKind != JsonValueKind.Object)
            {
                errors.Add("prices is required for a product.");
            }

            if (!root.TryGetProperty("variants", out var variants) || variants.ValueKind != JsonValueKind.Array)
            {
                errors.Add("variants must be an array for a product.");
            }
            else
            {
                foreach (var variant in variants.EnumerateArray())
                {
                    if (!variant.TryGetProperty("variant_id", out var vid) || vid.ValueKind != JsonValueKind.Number
                        || !variant.TryGetProperty("option_values", out var options) || options.ValueKind != JsonValueKind.Array)
                    {
                        errors.Add("each variant needs variant_id and option_values.");
                        break;
                    }
                }
            }
        }

        return errors.Count == 0 ? new Valid(store!, productId, version!.Value, deleted) : null;
    }
}
