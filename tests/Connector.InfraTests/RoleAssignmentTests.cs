using System.Text.RegularExpressions;

namespace Connector.InfraTests;

/// <summary>Least privilege: data-plane roles for the app's identity, each on exactly one resource.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledInfrastructure infra)
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string Vaults = KeyVaults.Type;
    private const string Components = "Microsoft.Insights/components";

    private const string SecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string SecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    /// <summary>Every role the identity may hold, and the only kind of resource it may hold it on.</summary>
    private static readonly Dictionary<string, (string Role, string ScopeType)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = ("Storage Blob Data Owner", StorageAccounts),
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = ("Storage Queue Data Contributor", StorageAccounts),
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = ("Storage Table Data Contributor", StorageAccounts),
        [SecretsOfficer] = ("Key Vault Secrets Officer", Vaults),
        [SecretsUser] = ("Key Vault Secrets User", Vaults),
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = ("Monitoring Metrics Publisher", Components),
    };

    /// <summary>
    /// Built-in roles that can change a vault's secrets, directly (data actions) or by granting or taking
    /// such a role (role assignments), or that are control-plane roles Microsoft's guidance keeps off vaults
    /// holding secrets the holder must not change.
    /// </summary>
    private static readonly Dictionary<string, string> VaultWriteRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        [SecretsOfficer] = "Key Vault Secrets Officer",
        ["00482a5a-887f-4fb3-b363-3b7fe8e74483"] = "Key Vault Administrator",
        ["f25e0fa2-a7c8-4377-a976-54943a77a395"] = "Key Vault Contributor",
        ["8b54135c-b56d-4d72-a534-26097cfdc8d8"] = "Key Vault Data Access Administrator",
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["f58310d2-a9f6-439a-9caf-f8c4dd9e8bd0"] = "Role Based Access Control Administrator",
    };

    private readonly KeyVaults vaults = new(infra);

    private List<TemplateResource> Assignments => infra.OfType("Microsoft.Authorization/roleAssignments").ToList();

    [Fact]
    public void Each_allowed_role_is_granted_exactly_once_and_nothing_else()
    {
        var roles = Assignments.Select(RoleOf).Order(StringComparer.Ordinal);
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), roles);
    }

    [Fact]
    public void Every_assignment_is_scoped_to_one_resource_of_the_kind_its_role_is_for()
    {
        Assert.All(Assignments, assignment =>
        {
            // Without a scope an assignment lands on the deployment's resource group.
            var scope = assignment.Text("scope");
            Assert.False(scope is null, $"{assignment} has no scope, so it would apply to the whole resource group.");

            var match = SingleResourceScope().Match(scope);
            Assert.True(match.Success, $"{assignment} scope {scope} is not a single resource.");
            Assert.DoesNotContain("resourceGroup()", scope, StringComparison.Ordinal);
            Assert.DoesNotContain("subscription()", scope, StringComparison.Ordinal);

            Assert.Equal(Allowed[RoleOf(assignment)].ScopeType, match.Groups["type"].Value, ignoreCase: true);
        });
    }

    [Fact]
    public void No_assignment_lets_the_identity_write_to_the_vault_holding_its_configuration_secrets()
    {
        // The app reads its client secret, signing secret and admin key and must not be able to replace
        // them: on that vault it holds Key Vault Secrets User (get and list secret values) and nothing else.
        var onConfigVault = Assignments.Where(a => vaults.ScopeOf(a) == vaults.ConfigName).ToList();
        Assert.All(onConfigVault, assignment =>
        {
            var role = RoleIdOf(assignment);
            Assert.False(
                VaultWriteRoles.TryGetValue(role, out var name),
                $"{assignment} gives the identity {name} on the configuration vault {vaults.ConfigName}.");
        });
        Assert.Equal([SecretsUser], onConfigVault.Select(RoleIdOf));
    }

    [Fact]
    public void The_identity_writes_secrets_in_the_token_vault_only()
    {
        // Key Vault Secrets Officer: create, read, delete and recover store tokens, created at runtime as
        // store-token-{hash}. Granted once, on the token vault, and there only.
        var officers = Assignments.Where(a => RoleIdOf(a) == SecretsOfficer).ToList();
        var officer = Assert.Single(officers);
        Assert.Equal(KeyVaults.TokenVaultName, vaults.ScopeOf(officer));
        Assert.Equal(KeyVaults.TokenVaultName, vaults.NameOf(vaults.Token));

        // And every vault role goes to one of the two vaults the template creates.
        var created = vaults.All.Select(vaults.NameOf).ToHashSet(StringComparer.Ordinal);
        Assert.All(Assignments.Select(vaults.ScopeOf).OfType<string>(), scope => Assert.Contains(scope, created));
    }

    [Fact]
    public void Every_assignment_is_for_the_apps_identity_as_a_service_principal()
    {
        Assert.All(Assignments, assignment =>
        {
            Assert.Equal("[parameters('principalId')]", assignment.Properties.GetProperty("principalId").GetString());
            Assert.Equal("ServicePrincipal", assignment.Properties.GetProperty("principalType").GetString());
        });

        var principal = infra.Module(Assignments[0].Module).Properties.Path("parameters.principalId.value").GetString();
        Assert.Contains("'identity'", principal, StringComparison.Ordinal);
        Assert.Contains("outputs.principalId.value", principal, StringComparison.Ordinal);
    }

    [Fact]
    public void Assignment_names_are_derived_from_scope_principal_and_role()
    {
        Assert.All(Assignments, assignment =>
        {
            var name = assignment.Text("name")!;
            var scope = assignment.Text("scope")!.Trim('[', ']');
            var role = RoleReferenceOf(assignment);
            Assert.Equal($"[guid({scope}, parameters('principalId'), {role})]", name);
        });
    }

    [Fact]
    public void No_custom_role_or_other_authorization_resource_is_created()
    {
        Assert.All(
            infra.Resources.Where(r => r.Type.StartsWith("Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase)),
            r => Assert.Equal("Microsoft.Authorization/roleAssignments", r.Type));
    }

    private static string RoleReferenceOf(TemplateResource assignment)
    {
        var definition = assignment.Properties.GetProperty("roleDefinitionId").GetString()!;
        var match = RoleDefinition().Match(definition);
        Assert.True(match.Success, $"{assignment} role {definition} is not a built-in role definition id.");
        return match.Groups["role"].Value;
    }

    private static string RoleOf(TemplateResource assignment)
    {
        var role = RoleIdOf(assignment);
        Assert.True(Allowed.ContainsKey(role), $"{assignment} grants role {role}, which is not on the allowed list.");
        return role;
    }

    /// <summary>The role definition id an assignment grants, allowed or not.</summary>
    private static string RoleIdOf(TemplateResource assignment)
    {
        var reference = RoleReferenceOf(assignment);
        return reference.StartsWith('\'')
            ? reference.Trim('\'')
            : CompiledInfrastructure.ResolveVariable(assignment.Template, reference).GetString()!;
    }

    /// <summary>resourceId('&lt;provider&gt;/&lt;type&gt;', &lt;one name&gt;): one resource in the deployment's resource group.</summary>
    [GeneratedRegex(@"^\[resourceId\('(?<type>[A-Za-z]+\.[A-Za-z]+/[A-Za-z]+)', parameters\('\w+'\)\)\]$")]
    private static partial Regex SingleResourceScope();

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (?<role>variables\('\w+'\)(\.\w+)*|'[0-9a-f-]{36}')\)\]$")]
    private static partial Regex RoleDefinition();
}
