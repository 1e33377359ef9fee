using System.Globalization;
using Connector.Inventory;
using Connector.Orders;
using Microsoft.AspNetCore.Http;
using F = Connector.MerchantPage.SettingsFields;

namespace Connector.MerchantPage;

/// <summary>The outcome of reading the settings form: the new settings, or the errors by field (then nothing is saved).</summary>
public sealed record SettingsChange(OrderSettings Orders, InventorySettings Inventory, SettingsFormModel Form)
{
    public bool IsValid => Form.Errors.Count == 0;
}

/// <summary>
/// Turns the saved settings into the form, and the posted form back into settings, checking every field on the server.
/// A field that is wrong gets its reason; one wrong field saves nothing.
/// </summary>
public static class SettingsForm
{
    public static SettingsFormModel From(OrderSettings orders, InventorySettings inventory) => new()
    {
        OrdersEnabled = orders.Enabled,
        StatusIds = orders.StatusIds.ToHashSet(),
        IncludeIncomplete = orders.IncludeIncomplete,
        CreatedAfter = orders.ExcludeCreatedBefore is { } floor ? floor.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
        WriteBackFrom = orders.WriteBackFromStatusIds.ToHashSet(),
        WriteBackTo = orders.WriteBackStatusId?.ToString(CultureInfo.InvariantCulture) ?? "",
        InventoryEnabled = inventory.Enabled,
        LocationCodes = inventory.LocationMap.GroupBy(m => m.Value).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(m => m.Key).Order(StringComparer.Ordinal))),
        OnlySkus = string.Join('\n', inventory.OnlySkus),
        PendingOrderResync = orders.ResyncFrom,
        PendingStockResync = inventory.ResyncRequestedAt,
    };

    /// <param name="statuses">The store's statuses; empty when they could not be read (any status id 0-99 is then accepted).</param>
    /// <param name="locations">The store's locations; null when they could not be read (the location map is then kept as it is).</param>
    public static SettingsChange Read(
        IFormCollection form, OrderSettings orders, InventorySettings inventory, IReadOnlyList<StatusOption> statuses,
        IReadOnlyList<StoreLocation>? locations, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = statuses.Select(s => s.Id).ToHashSet();
        bool IsStatus(int id) => known.Count > 0 ? known.Contains(id) : id is >= 0 and < 100;

        var ordersEnabled = Checked(form, F.OrdersEnabled);
        var statusIds = StatusList(form, F.Status, IsStatus, errors);
        var includeIncomplete = Checked(form, F.IncludeIncomplete);
        if (ordersEnabled && statusIds.Count == 0 && !errors.ContainsKey(F.Status))
        {
            errors[F.Status] = "Choose at least one status to pull, or turn the order flow off.";
        }

        var createdAfterText = Text(form, F.CreatedAfter, errors);
        var withinText = Text(form, F.CreatedWithinDays, errors);
        DateTimeOffset? floor = null;
        if (createdAfterText.Length > 0 && withinText.Length > 0)
        {
            errors[F.CreatedWithinDays] = "Give a date or a number of days, not both.";
        }
        else if (createdAfterText.Length > 0)
        {
            floor = Date(createdAfterText, F.CreatedAfter, now, errors);
        }
        else if (withinText.Length > 0)
        {
            if (int.TryParse(withinText, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= F.MaxCreatedWithinDays)
            {
                floor = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-days);
            }
            else
            {
                errors[F.CreatedWithinDays] = $"Enter a whole number of days from 1 to {F.MaxCreatedWithinDays}.";
            }
        }

        var writeBackFrom = StatusList(form, F.WriteBackFrom, IsStatus, errors);
        var writeBackToText = Text(form, F.WriteBackTo, errors);
        int? writeBackTo = null;
        if (writeBackToText.Length > 0)
        {
            if (int.TryParse(writeBackToText, NumberStyles.None, CultureInfo.InvariantCulture, out var to) && IsStatus(to))
            {
                writeBackTo = to;
                if (writeBackFrom.Count == 0 && !errors.ContainsKey(F.WriteBackFrom))
                {
                    errors[F.WriteBackFrom] = "Choose the statuses an order is moved from.";
                }
                else if (writeBackFrom.Contains(to))
                {
                    errors[F.WriteBackTo] = "An order cannot be moved to a status it is moved from.";
                }
            }
            else
            {
                errors[F.WriteBackTo] = "Choose one of the store's statuses, or none.";
            }
        }

        var inventoryEnabled = Checked(form, F.InventoryEnabled);
        var (map, codesByLocation) = locations is null ? (inventory.LocationMap, null) : LocationMap(form, locations, errors);
        var skusText = form[F.OnlySkus].ToString();
        var skus = Skus(skusText, errors);

        var model = From(orders, inventory) with
        {
            OrdersEnabled = ordersEnabled,
            StatusIds = statusIds.ToHashSet(),
            IncludeIncomplete = includeIncomplete,
            CreatedAfter = createdAfterText.Length > 0 ? Shorten(createdAfterText) : "",
            CreatedWithinDays = Shorten(withinText),
            WriteBackFrom = writeBackFrom.ToHashSet(),
            WriteBackTo = Shorten(writeBackToText),
            InventoryEnabled = inventoryEnabled,
            LocationCodes = codesByLocation ?? From(orders, inventory).LocationCodes,
            OnlySkus = skusText.Length > F.MaxSkuListLength ? "" : skusText,
            Errors = errors,
        };

        var newOrders = orders with
        {
            Enabled = ordersEnabled,
            StatusIds = statusIds,
            IncludeIncomplete = includeIncomplete,
            ExcludeCreatedBefore = floor,
            WriteBackFromStatusIds = writeBackFrom.Count > 0 ? writeBackFrom : orders.WriteBackFromStatusIds,
            WriteBackStatusId = writeBackTo,
        };
        var newInventory = inventory with { Enabled = inventoryEnabled, LocationMap = map, OnlySkus = skus };
        return new SettingsChange(newOrders, newInventory, model);
    }

    /// <summary>"Resync orders from a date": the date, or the error to show next to its field.</summary>
    public static (DateTimeOffset? From, string? Error) ReadResyncFrom(IFormCollection form, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>();
        var text = Text(form, F.ResyncOrdersFrom, errors);
        if (text.Length == 0 && errors.Count == 0)
        {
            return (null, "Enter the date to pull orders again from.");
        }

        var date = errors.Count == 0 ? Date(text, F.ResyncOrdersFrom, now, errors) : null;
        return (date, errors.GetValueOrDefault(F.ResyncOrdersFrom));
    }

    private static bool Checked(IFormCollection form, string field) => form[field].ToString() == "on";

    private static string Text(IFormCollection form, string field, Dictionary<string, string> errors)
    {
        var values = form[field];
        if (values.Count > 1)
        {
            errors[field] = "Sent more than once.";
            return "";
        }

        var text = values.ToString().Trim();
        if (text.Length > F.MaxFieldLength)
        {
            errors[field] = $"Too long: at most {F.MaxFieldLength} characters.";
            return "";
        }

        return text;
    }

    private static string Shorten(string text) => text.Length > F.MaxFieldLength ? "" : text;

    private static List<int> StatusList(IFormCollection form, string field, Func<int, bool> isStatus, Dictionary<string, string> errors)
    {
        var values = form[field];
        var ids = new List<int>();
        if (values.Count > 100)
        {
            errors[field] = "Too many statuses.";
            return ids;
        }

        foreach (var value in values)
        {
            if (value is { Length: <= 3 } && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && isStatus(id))
            {
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
            else
            {
                errors[field] = "Choose among the store's statuses.";
            }
        }

        return ids;
    }

    private static DateTimeOffset? Date(string text, string field, DateTimeOffset now, Dictionary<string, string> errors)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year >= 2000 && date <= now.UtcDateTime.Date)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc));
        }

        errors[field] = "Enter a date (YYYY-MM-DD) from 2000 up to today.";
        return null;
    }

    private static (IReadOnlyDictionary<string, long> Map, IReadOnlyDictionary<long, string> Typed) LocationMap(
        IFormCollection form, IReadOnlyList<StoreLocation> locations, Dictionary<string, string> errors)
    {
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        var typed = new Dictionary<long, string>();
        foreach (var location in locations)
        {
            var field = F.LocationPrefix + location.Id.ToString(CultureInfo.InvariantCulture);
            var text = Text(form, field, errors);
            typed[location.Id] = text;
            var codes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (codes.Length > F.MaxCodesPerLocation)
            {
                errors[field] = $"At most {F.MaxCodesPerLocation} codes per location.";
                continue;
            }

            foreach (var code in codes)
            {
                if (code.Length > F.MaxLocationCodeLength || code.Any(char.IsControl))
                {
                    errors[field] = $"A location code is at most {F.MaxLocationCodeLength} characters, without control characters.";
                }
                else if (map.TryGetValue(code, out var other) && other != location.Id)
                {
                    errors[field] = $"The code {code} is already mapped to another location.";
                }
                else
                {
                    map[code] = location.Id;
                }
            }
        }

        return (map, typed);
    }

    private static List<string> Skus(string text, Dictionary<string, string> errors)
    {
        if (text.Length > F.MaxSkuListLength)
        {
            errors[F.OnlySkus] = $"Too long: at most {F.MaxSkuListLength} characters.";
            return [];
        }

        var skus = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (skus.Count > F.MaxSkus)
        {
            errors[F.OnlySkus] = $"At most {F.MaxSkus} SKUs.";
        }
        else if (skus.Any(s => s.Length > F.MaxSkuLength || s.Any(char.IsControl)))
        {
            errors[F.OnlySkus] = $"A SKU is at most {F.MaxSkuLength} characters, without control characters.";
        }

        return skus;
    }
}
