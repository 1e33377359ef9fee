using Sandbox.BackOffice;

namespace Sandbox.Admin;

/// <summary>What the admin API's push endpoints share: the back office POSTing <c>{"records": …}</c> to a connector.</summary>
public static class PushAdmin
{
    /// <returns>200 with the connector's answer whatever it was; 502 when none came; 400 when the request itself is wrong.</returns>
    /// <param name="answered">Told whether the connector answered, for the feed's counts.</param>
    public static async Task<IResult> HandleAsync(BackOfficePusher pusher, PushRecordsRequest body, Action<bool>? answered, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return Results.BadRequest(new AdminError("url must be an absolute http(s) URL: the connector's push endpoint."));
        }

        if (body.Records is null)
        {
            return Results.BadRequest(new AdminError("records is required (an array; sent as given)."));
        }

        PushSignature? signature = body.Signature switch
        {
            null or "valid" => PushSignature.Valid,
            "bad" => PushSignature.Bad,
            "none" => PushSignature.None,
            _ => null,
        };
        if (signature is null)
        {
            return Results.BadRequest(new AdminError("signature must be valid, bad or none."));
        }

        var outcome = await pusher.PushAsync(url, body.Records, signature.Value, cancellationToken);
        answered?.Invoke(outcome.Status != 0);
        return outcome.Status == 0
            ? Results.Json(new AdminError($"The connector at {url} could not be reached: {outcome.Error}"), statusCode: StatusCodes.Status502BadGateway)
            : Results.Ok(new { status = outcome.Status, body = outcome.Body });
    }
}
