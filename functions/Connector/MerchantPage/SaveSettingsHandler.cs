using Connector.Hosting;
using Connector.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.MerchantPage;

/// <summary>
/// POST /api/app/settings: the settings form. Every field is checked here; one refused field saves nothing and the form
/// comes back with the reason next to it (422). Saved, the change is in the audit trail and takes effect at each flow's
/// next run, which reads the settings afresh.
/// </summary>
public sealed class SaveSettingsHandler(
    PageAccess access, StorePageRenderer renderer, StorePageBuilder builder, StoreSettings settings, Catalog.CatalogSettingsStore catalog,
    AuditTrail audit, TimeProvider clock,
    ILogger<SaveSettingsHandler> logger) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.AuthorizeAsync(request, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var storeHash = caller.Session.StoreHash;
        var orders = await settings.GetOrderSettingsAsync(storeHash, cancellationToken);
        var inventory = await settings.GetInventorySettingsAsync(storeHash, cancellationToken);
        var statusesRead = builder.StatusesAsync(storeHash, cancellationToken);
        var locationsRead = builder.LocationsAsync(storeHash, cancellationToken);
        var (statuses, statusesProblem) = await statusesRead;
        var (locations, locationsProblem) = await locationsRead;
        var change = SettingsForm.Read(caller.Form, orders, inventory, statuses, locations, clock.GetUtcNow());
        var catalogSettings = await catalog.GetAsync(storeHash, cancellationToken);
        var catalogBefore = catalogSettings.PullEnabled;
        var catalogAfter = caller.Form[SettingsFields.CatalogEnabled].ToString() == "on";
        var pushAfter = CatalogPushForm.Read(caller.Form, catalogSettings) with { PullEnabled = catalogAfter };
        var form = change.Form with
        {
            CatalogEnabled = catalogAfter, CatalogPushEnabled = pushAfter.PushEnabled, CatalogCreation = pushAfter.Creation, CatalogLimits = pushAfter.Limits,
            Statuses = statuses, StatusesProblem = statusesProblem, Locations = locations ?? [], LocationsProblem = locationsProblem,
        };
        if (!change.IsValid)
        {
            return await renderer.RenderAsync(caller, PageSections.Settings, cancellationToken,
                "Nothing was saved: fix the fields marked below.", noticeIsError: true, form: form, status: StatusCodes.Status422UnprocessableEntity);
        }

        var changes = SettingsAudit.Describe(orders, change.Orders, inventory, change.Inventory, form.StatusName).ToList();
        var catalogChanges = CatalogPushForm.Describe(catalogSettings, pushAfter).ToList();
        if (catalogBefore != catalogAfter)
        {
            catalogChanges.Insert(0, $"Catalog flow: {(catalogBefore ? "on" : "off")} → {(catalogAfter ? "on" : "off")}");
        }

        if (catalogChanges.Count > 0)
        {
            // Its own row: turning the catalog on starts the initial import at the next catalog poll (and subscribes its webhooks).
            await catalog.SaveAsync(storeHash, pushAfter, cancellationToken);
            changes.AddRange(catalogChanges);
        }

        if (changes.Count > 0)
        {
            var (newOrders, newInventory) = (change.Orders, change.Inventory);
            await settings.ChangeAsync(storeHash,
                current => current with
                {
                    Enabled = newOrders.Enabled,
                    StatusIds = newOrders.StatusIds,
                    IncludeIncomplete = newOrders.IncludeIncomplete,
                    ExcludeCreatedBefore = newOrders.ExcludeCreatedBefore,
                    WriteBackStatusId = newOrders.WriteBackStatusId,
                    WriteBackFromStatusIds = newOrders.WriteBackFromStatusIds,
                },
                current => current with { Enabled = newInventory.Enabled, LocationMap = newInventory.LocationMap, OnlySkus = newInventory.OnlySkus },
                cancellationToken);
            await audit.RecordAsync(storeHash, caller.Session.Actor, changes, cancellationToken);
            logger.LogInformation("Store {StoreHash}: {Actor} changed {Count} setting(s) from the app's page", storeHash, caller.Session.Actor, changes.Count);
        }

        var saved = SettingsForm.From(change.Orders, change.Inventory) with
        {
            CatalogEnabled = catalogAfter, CatalogPushEnabled = pushAfter.PushEnabled, CatalogCreation = pushAfter.Creation, CatalogLimits = pushAfter.Limits,
            Statuses = statuses, StatusesProblem = statusesProblem, Locations = locations ?? [], LocationsProblem = locationsProblem,
        };
        return await renderer.RenderAsync(caller, PageSections.Settings, cancellationToken,
            changes.Count > 0 ? $"Saved {changes.Count} change(s). They take effect at each flow's next run." : "Nothing changed.", form: saved);
    }
}
