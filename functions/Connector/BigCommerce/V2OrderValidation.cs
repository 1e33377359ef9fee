namespace Connector.BigCommerce;

/// <summary>Checks the fields the connector relies on, so a malformed response fails with a reason a person can act on.</summary>
public static class V2OrderValidation
{
    public static V2Order Validate(V2Order? order, string what)
    {
        if (order is null)
        {
            throw new BigCommerceResponseException($"{what}: the response body was empty or null.");
        }

        var missing = new List<string>();
        if (order.Id <= 0) missing.Add("id");
        if (order.DateCreated is null) missing.Add("date_created");
        if (order.DateModified is null) missing.Add("date_modified");
        if (order.StatusId is null) missing.Add("status_id");
        if (missing.Count > 0)
        {
            throw new BigCommerceResponseException($"{what}: the order lacks {string.Join(", ", missing)}.");
        }

        return order;
    }
}
