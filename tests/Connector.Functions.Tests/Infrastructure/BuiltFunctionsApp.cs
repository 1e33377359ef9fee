using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Functions.Tests.Infrastructure;

/// <summary>One function as the Worker SDK described it to the Functions host in functions.metadata.</summary>
public sealed record FunctionMetadata(string Name, string ScriptFile, string EntryPoint, IReadOnlyList<JsonObject> Bindings)
{
    /// <summary>The binding that triggers the function (there is exactly one).</summary>
    public JsonObject Trigger => Bindings.Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    public string TriggerType => Trigger["type"]!.GetValue<string>();

    public string? Property(string name) => Trigger[name]?.GetValue<string>();

    public IReadOnlyList<string> Methods => Trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>()).ToList() ?? [];
}

/// <summary>
/// What the build of functions/Connector.Functions produced, as the Functions host reads it: functions.metadata (every
/// function, its entry point and bindings) and extensions.json (the host extensions it loads). The test project copies
/// both from the app's output of this very build.
/// </summary>
public static class BuiltFunctionsApp
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "built-app");

    public static IReadOnlyList<FunctionMetadata> Functions { get; } = ReadMetadata();

    public static JsonObject Extensions => JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "extensions.json")))!.AsObject();

    public static Assembly Assembly => typeof(ConnectorFunctionsApp).Assembly;

    public static FunctionMetadata Function(string name) =>
        Functions.SingleOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"functions.metadata has no function {name}.");

    /// <summary>The method the host would invoke for a function, found by its entry point as the worker finds it.</summary>
    public static MethodInfo EntryPoint(FunctionMetadata function)
    {
        if (!string.Equals(function.ScriptFile, Path.GetFileName(Assembly.Location), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{function.Name}: script file {function.ScriptFile} is not the app's assembly.");
        }

        var lastDot = function.EntryPoint.LastIndexOf('.');
        var type = Assembly.GetType(function.EntryPoint[..lastDot], throwOnError: true)!;
        return type.GetMethod(function.EntryPoint[(lastDot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{function.Name}: no public method {function.EntryPoint}.");
    }

    private static IReadOnlyList<FunctionMetadata> ReadMetadata()
    {
        var path = Path.Combine(Directory, "functions.metadata");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(f => new FunctionMetadata(
            f!["name"]!.GetValue<string>(),
            f["scriptFile"]!.GetValue<string>(),
            f["entryPoint"]!.GetValue<string>(),
            f["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList())).ToList();
    }
}
