using System.Globalization;

namespace Sandbox.BigCommerce;

public enum OrderSortField { Id, DateCreated, DateModified, StatusId }

/// <summary>Which consignment data to embed (<c>include=consignments[.line_items]&amp;consignment_structure=object</c>).</summary>
public enum ConsignmentInclude { None, Resources, LineItems }

/// <summary>The filters, sort and page of GET /v2/orders, parsed and validated.</summary>
public sealed record OrderQuery(
    DateTimeOffset? MinDateModified,
    DateTimeOffset? MaxDateModified,
    DateTimeOffset? MinDateCreated,
    DateTimeOffset? MaxDateCreated,
    int? StatusId,
    long? MinId,
    long? MaxId,
    int Page,
    int Limit,
    OrderSortField Sort,
    bool Descending,
    ConsignmentInclude Include)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 250;

    public bool Matches(StoredOrder o) =>
        (MinDateModified is not { } minMod || o.DateModified >= minMod) &&
        (MaxDateModified is not { } maxMod || o.DateModified <= maxMod) &&
        (MinDateCreated is not { } minCre || o.DateCreated >= minCre) &&
        (MaxDateCreated is not { } maxCre || o.DateCreated <= maxCre) &&
        (StatusId is not { } status || o.StatusId == status) &&
        (MinId is not { } minId || o.Id >= minId) &&
        (MaxId is not { } maxId || o.Id <= maxId);

    /// <summary>Sorts by the requested field, ties always by id ascending, so paging is stable.</summary>
    public IEnumerable<StoredOrder> Order(IEnumerable<StoredOrder> orders)
    {
        var sorted = (Sort, Descending) switch
        {
            (OrderSortField.Id, false) => orders.OrderBy(o => o.Id),
            (OrderSortField.Id, true) => orders.OrderByDescending(o => o.Id),
            (OrderSortField.DateCreated, false) => orders.OrderBy(o => o.DateCreated),
            (OrderSortField.DateCreated, true) => orders.OrderByDescending(o => o.DateCreated),
            (OrderSortField.DateModified, false) => orders.OrderBy(o => o.DateModified),
            (OrderSortField.DateModified, true) => orders.OrderByDescending(o => o.DateModified),
            (OrderSortField.StatusId, false) => orders.OrderBy(o => o.StatusId),
            (OrderSortField.StatusId, true) => orders.OrderByDescending(o => o.StatusId),
            _ => throw new InvalidOperationException(),
        };
        return sorted.ThenBy(o => o.Id);
    }

    public static bool TryParse(IQueryCollection query, out OrderQuery result, out string error)
    {
        result = null!;
        error = "";

        if (!TryDate(query, "min_date_modified", out var minMod, ref error) ||
            !TryDate(query, "max_date_modified", out var maxMod, ref error) ||
            !TryDate(query, "min_date_created", out var minCre, ref error) ||
            !TryDate(query, "max_date_created", out var maxCre, ref error) ||
            !TryLong(query, "status_id", out var status, ref error) ||
            !TryLong(query, "min_id", out var minId, ref error) ||
            !TryLong(query, "max_id", out var maxId, ref error) ||
            !TryPaging(query, out var page, out var limit, ref error) ||
            !TrySort(query, out var sort, out var descending, ref error))
        {
            return false;
        }

        if (status is { } s && !OrderStatuses.IsKnown((int)s))
        {
            error = "The field 'status_id' is invalid.";
            return false;
        }

        result = new OrderQuery(minMod, maxMod, minCre, maxCre, (int?)status, minId, maxId, page, limit, sort, descending, ParseInclude(query));
        return true;
    }

    public static ConsignmentInclude ParseInclude(IQueryCollection query)
    {
        // Without consignment_structure=object BigCommerce answers a legacy array shape; the sandbox
        // only models the object shape, so it leaves consignments out rather than fake the other.
        if (!string.Equals(query["consignment_structure"], "object", StringComparison.Ordinal))
        {
            return ConsignmentInclude.None;
        }

        var includes = query["include"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return includes.Contains("consignments.line_items") ? ConsignmentInclude.LineItems
            : includes.Contains("consignments") ? ConsignmentInclude.Resources
            : ConsignmentInclude.None;
    }

    /// <summary>page is 1-based; limit defaults to 50 and is capped at 250 as BigCommerce does.</summary>
    public static bool TryPaging(IQueryCollection query, out int page, out int limit, ref string error)
    {
        page = 1;
        limit = DefaultLimit;
        if (!TryLong(query, "page", out var p, ref error) || !TryLong(query, "limit", out var l, ref error))
        {
            return false;
        }
        if (p is { } pv)
        {
            if (pv < 1 || pv > int.MaxValue)
            {
                error = "The field 'page' is invalid.";
                return false;
            }
            page = (int)pv;
        }
        if (l is { } lv)
        {
            if (lv < 1)
            {
                error = "The field 'limit' is invalid.";
                return false;
            }
            limit = (int)Math.Min(lv, MaxLimit);
        }
        return true;
    }

    private static bool TrySort(IQueryCollection query, out OrderSortField field, out bool descending, ref string error)
    {
        field = OrderSortField.Id;
        descending = false;
        var text = query["sort"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var parts = text.Split(':');
        var direction = parts.Length > 1 ? parts[1] : "asc";
        OrderSortField? parsed = parts[0] switch
        {
            "id" => OrderSortField.Id,
            "date_created" => OrderSortField.DateCreated,
            "date_modified" => OrderSortField.DateModified,
            "status_id" => OrderSortField.StatusId,
            _ => null,
        };
        if (parsed is null || parts.Length > 2 || direction is not ("asc" or "desc"))
        {
            error = "The field 'sort' is invalid.";
            return false;
        }
        field = parsed.Value;
        descending = direction == "desc";
        return true;
    }

    private static bool TryDate(IQueryCollection query, string name, out DateTimeOffset? value, ref string error)
    {
        value = null;
        if (!query.TryGetValue(name, out var raw))
        {
            return true;
        }
        if (BigCommerceDates.TryParse(raw.ToString(), out var parsed))
        {
            value = parsed;
            return true;
        }
        error = $"The field '{name}' is invalid. Use RFC-2822 (Thu, 20 Apr 2017 11:32:00 -0400) or ISO-8601 (2017-04-20T11:32:00.000-04:00).";
        return false;
    }

    private static bool TryLong(IQueryCollection query, string name, out long? value, ref string error)
    {
        value = null;
        if (!query.TryGetValue(name, out var raw))
        {
            return true;
        }
        if (long.TryParse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }
        error = $"The field '{name}' is invalid.";
        return false;
    }
}
