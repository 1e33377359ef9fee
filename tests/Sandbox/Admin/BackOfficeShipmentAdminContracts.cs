using System.Text.Json.Nodes;

namespace Sandbox.Admin;

/// <summary>Body of POST /_admin/backoffice/stores/{hash}/shipments: raw JSON objects, appended as given (no checks).</summary>
public sealed record AppendShipmentsRequest(JsonArray? Records);

/// <summary>Body of PUT /_admin/backoffice/shipments/corruption.</summary>
/// <param name="Page">1-based (offset / limit + 1); default 1.</param>
/// <param name="Remaining">Reads of that page to spoil; null = every read.</param>
public sealed record ShipmentCorruptionRequest(string? Kind, int? Page, int? Remaining);

/// <summary>Body of POST /_admin/backoffice/shipments/push and /_admin/backoffice/catalog-changes/push.</summary>
/// <param name="Url">The connector's push endpoint, e.g. <c>http://127.0.0.1:7071/api/backoffice/shipments</c>.</param>
/// <param name="Records">Sent as given: any JSON values, so the connector's refusals can be tested.</param>
/// <param name="Signature"><c>valid</c> (default), <c>bad</c> (well-formed, wrong HMAC) or <c>none</c> (no header).</param>
public sealed record PushRecordsRequest(string? Url, JsonArray? Records, string? Signature);
