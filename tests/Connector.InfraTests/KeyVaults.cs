using System.Text.RegularExpressions;

namespace Connector.InfraTests;

/// <summary>
/// The two vaults, told apart by the name main.bicep gives them, and what the other resources point at,
/// followed across modules to that name. The token vault keeps <c>kv-&lt;token&gt;</c>, the name of the single
/// vault of earlier versions, so an existing deployment keeps its stores' tokens; the configuration vault
/// is the other one.
/// </summary>
public sealed partial class KeyVaults(CompiledInfrastructure infra)
{
    public const string Type = "Microsoft.KeyVault/vaults";

    /// <summary>The token vault's name as main.bicep computes it: unchanged from the single-vault version.</summary>
    public const string TokenVaultName = "[format('kv-{0}', variables('resourceToken'))]";

    public IReadOnlyList<TemplateResource> All => infra.OfType(Type).ToList();

    public TemplateResource Token => All.Single(v => NameOf(v) == TokenVaultName);

    public TemplateResource Config
    {
        get
        {
            Assert.True(All.Count == 2, $"Expected two vaults (tokens, configuration), found {All.Count}.");
            return All.Single(v => NameOf(v) != TokenVaultName);
        }
    }

    public string ConfigName => NameOf(Config);

    /// <summary>A vault's name as main.bicep computes it.</summary>
    public string NameOf(TemplateResource vault) => infra.InMain(vault.Module, vault.Text("name")!);

    /// <summary>The name of the vault a role assignment is scoped to; null when its scope is not a vault.</summary>
    public string? ScopeOf(TemplateResource assignment)
    {
        var scope = assignment.Text("scope") ?? string.Empty;
        if (!scope.Contains($"'{Type}'", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = VaultScope().Match(scope);
        Assert.True(match.Success, $"{assignment} scope {scope} is a vault, but not one named by a module parameter.");
        return infra.InMain(assignment.Module, match.Groups["parameter"].Value);
    }

    /// <summary>The name of the vault a secret resource is created in.</summary>
    public string VaultOfSecret(TemplateResource secret)
    {
        var name = secret.Text("name")!;
        var match = SecretName().Match(name);
        Assert.True(match.Success, $"{secret} name {name} does not name its vault by a module parameter.");
        return infra.InMain(secret.Module, match.Groups["parameter"].Value);
    }

    /// <summary>
    /// The name of the vault whose output <paramref name="mainExpression"/> (an expression of main.bicep) reads:
    /// <c>reference(… 'Microsoft.Resources/deployments', '&lt;module&gt;' …).outputs.uri.value</c> (or <c>name</c>).
    /// </summary>
    public string VaultBehindOutput(string mainExpression)
    {
        var match = ModuleOutput().Match(mainExpression);
        Assert.True(match.Success, $"'{mainExpression}' is not a vault module's name or uri output.");
        var vaults = All.Where(v => v.Module == match.Groups["module"].Value).ToList();
        Assert.True(vaults.Count == 1, $"Module {match.Groups["module"].Value} deploys {vaults.Count} vaults, not one.");
        return NameOf(vaults[0]);
    }

    /// <summary>The vault a setting of the function app module names through one of its parameters.</summary>
    public string VaultBehindFunctionAppParameter(string parameterReference)
    {
        var match = ParameterName().Match(parameterReference);
        Assert.True(match.Success, parameterReference);
        return VaultBehindOutput(infra.PassedTo("functionapp", match.Groups["name"].Value));
    }

    [GeneratedRegex(@"^\[resourceId\('Microsoft\.KeyVault/vaults', (?<parameter>parameters\('\w+'\))\)\]$")]
    private static partial Regex VaultScope();

    [GeneratedRegex(@"^\[format\('\{0\}/\{1\}', (?<parameter>parameters\('\w+'\)), ")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^\[reference\(.*'Microsoft\.Resources/deployments', '(?<module>[^']+)'\), '[^']+'\)\.outputs\.(uri|name)\.value\]$")]
    private static partial Regex ModuleOutput();

    [GeneratedRegex(@"^\[?parameters\('(?<name>\w+)'\)\]?$")]
    private static partial Regex ParameterName();
}
