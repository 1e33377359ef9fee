using Sandbox.Faults;

namespace Sandbox.Admin;

/// <summary>Fault injection settings per target (<c>bigcommerce</c>, <c>backoffice</c>, <c>login</c>, <c>keyvault</c>), changeable while requests flow.</summary>
public static class FaultAdminEndpoints
{
    public static IEndpointRouteBuilder MapFaultAdmin(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/_admin/faults");

        faults.MapGet("/", (FaultInjector injector) =>
            Results.Ok(Enum.GetValues<FaultTarget>().Select(injector.Get).ToList()));

        faults.MapGet("/{target}", (FaultInjector injector, string target) =>
            FaultTargetNames.TryParse(target, out var t) ? Results.Ok(injector.Get(t)) : UnknownTarget(target));

        faults.MapPut("/{target}", (FaultInjector injector, string target, FaultSettings settings) =>
        {
            if (!FaultTargetNames.TryParse(target, out var t))
            {
                return UnknownTarget(target);
            }
            var errors = settings.Validate().ToList();
            if (errors.Count > 0)
            {
                return Results.BadRequest(new AdminError("Invalid fault settings.", errors));
            }
            injector.Set(t, settings);
            return Results.Ok(injector.Get(t));
        });

        faults.MapDelete("/{target}", (FaultInjector injector, string target) =>
        {
            if (!FaultTargetNames.TryParse(target, out var t))
            {
                return UnknownTarget(target);
            }
            injector.Clear(t);
            return Results.NoContent();
        });

        return app;
    }

    private static IResult UnknownTarget(string target) =>
        Results.NotFound(new AdminError($"Unknown fault target '{target}'. Use one of {FaultTargetNames.AllKeys}."));
}
