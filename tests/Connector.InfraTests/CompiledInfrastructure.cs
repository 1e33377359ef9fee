using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connector.InfraTests;

/// <summary>A resource of the compiled template, with the (nested) template that declares it.</summary>
/// <param name="Module">Name of the module deployment that declares it; empty for main.bicep itself.</param>
public sealed record TemplateResource(string Module, string Type, JsonElement Body, JsonElement Template)
{
    public JsonElement Properties => Body.TryGetProperty("properties", out var p) ? p : default;

    public string? Text(string path) => Body.Path(path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public override string ToString() => $"{Type} in {(Module.Length == 0 ? "main" : Module)}";
}

/// <summary>
/// infra/main.bicep compiled once per test run with the real Bicep CLI (and every .bicep file linted),
/// with helpers over the ARM JSON. Modules compile into nested Microsoft.Resources/deployments whose
/// properties.template holds the module's template; resources are an array, or an object keyed by
/// symbolic name when Bicep emits languageVersion 2.0.
/// </summary>
public sealed partial class CompiledInfrastructure
{
    public CompiledInfrastructure()
    {
        var build = Task.Run(() => BicepCli.Run(BuildInfo.RepositoryRoot, "build", "infra/main.bicep", "--stdout"));
        var lint = Task.Run(() => BicepCli.Run(BuildInfo.RepositoryRoot, "lint", "--pattern", "infra/**/*.bicep"));
        Build = build.GetAwaiter().GetResult();
        Lint = lint.GetAwaiter().GetResult();

        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/main.bicep does not compile.\n{Build}");
        }

        Template = JsonDocument.Parse(Build.StandardOutput).RootElement.Clone();
        Resources = Collect(string.Empty, Template).ToList();
    }

    public BicepRun Build { get; }

    public BicepRun Lint { get; }

    /// <summary>The compiled main.bicep.</summary>
    public JsonElement Template { get; }

    /// <summary>Every resource, main.bicep's and every module's.</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    public IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public TemplateResource One(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The module deployment named <paramref name="name"/> in main.bicep.</summary>
    public TemplateResource Module(string name) =>
        OfType("Microsoft.Resources/deployments").Single(d => d.Text("name") == name);

    /// <summary>The expression main.bicep passes to parameter <paramref name="parameter"/> of module <paramref name="module"/>.</summary>
    public string PassedTo(string module, string parameter)
    {
        var value = Module(module).Properties.Path($"parameters.{parameter}.value");
        Assert.True(value.ValueKind == JsonValueKind.String, $"Module {module} gets no expression for parameter {parameter}.");
        return value.GetString()!;
    }

    /// <summary>
    /// What <c>parameters('p')</c> in module <paramref name="module"/> is, seen from main.bicep: the
    /// expression main passes, with a <c>variables('…')</c> of main expanded. Lets a test tell that a role
    /// assignment, a secret and a vault in different modules name the same resource.
    /// </summary>
    public string InMain(string module, string parameterReference)
    {
        var match = ParameterReference().Match(parameterReference);
        Assert.True(match.Success, $"'{parameterReference}' is not a parameters('…') reference.");
        var value = PassedTo(module, match.Groups["name"].Value);
        var variable = WholeVariableExpression().Match(value);
        return variable.Success
            ? ResolveVariable(Template, variable.Groups["reference"].Value).GetString()!
            : value;
    }

    /// <summary>
    /// Resolves <c>variables('x')</c> or <c>variables('x').a.b</c> against the template that declares it,
    /// the way ARM would: the variables of a nested template are literal JSON here.
    /// </summary>
    public static JsonElement ResolveVariable(JsonElement template, string reference)
    {
        var match = VariableReference().Match(reference);
        Assert.True(match.Success, $"'{reference}' is not a variables('…') reference.");
        var value = template.GetProperty("variables").GetProperty(match.Groups["name"].Value);
        foreach (var segment in match.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            value = value.GetProperty(segment);
        }

        return value;
    }

    public static IEnumerable<JsonProperty> Members(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : [];

    private static IEnumerable<TemplateResource> Collect(string module, JsonElement template)
    {
        var resources = template.GetProperty("resources");
        var bodies = resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray()
            : resources.EnumerateObject().Select(p => p.Value);

        foreach (var body in bodies)
        {
            if (body.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            var type = body.GetProperty("type").GetString()!;
            yield return new TemplateResource(module, type, body, template);

            if (type == "Microsoft.Resources/deployments"
                && body.GetProperty("properties").TryGetProperty("template", out var nested))
            {
                foreach (var inner in Collect(body.GetProperty("name").GetString()!, nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"^\[?parameters\('(?<name>\w+)'\)\]?$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[(?<reference>variables\('\w+'\)(\.\w+)*)\]$")]
    private static partial Regex WholeVariableExpression();

    [GeneratedRegex(@"^\s*variables\('(?<name>[A-Za-z0-9_]+)'\)(?<path>(\.[A-Za-z0-9_]+)*)\s*$")]
    private static partial Regex VariableReference();
}

internal static class JsonPathExtensions
{
    /// <summary>Follows a dotted path of property names; default when any is missing.</summary>
    public static JsonElement Path(this JsonElement element, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return default;
            }
        }

        return element;
    }
}

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Compiled infrastructure";
}
