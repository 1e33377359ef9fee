using System.Text.RegularExpressions;

namespace Connector.InfraTests;

/// <summary>Least privilege: data-plane roles for the app's identity, each on exactly one resource.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledInfrastructure infra)
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string Vaults = "Microsoft.KeyVault/vaults";
    private const string Components = "Microsoft.Insights/components";

    /// <summary>Every role the identity may hold, and the only kind of resource it may hold it on.</summary>
    private static readonly Dictionary<string, (string Role, string ScopeType)> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = ("Storage Blob Data Owner", StorageAccounts),
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = ("Storage Queue Data Contributor", StorageAccounts),
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = ("Storage Table Data Contributor", StorageAccounts),
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = ("Key Vault Secrets Officer", Vaults),
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = ("Monitoring Metrics Publisher", Components),
    };

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
        var reference = RoleReferenceOf(assignment);
        var role = reference.StartsWith('\'')
            ? reference.Trim('\'')
            : CompiledInfrastructure.ResolveVariable(assignment.Template, reference).GetString()!;
        Assert.True(Allowed.ContainsKey(role), $"{assignment} grants role {role}, which is not on the allowed list.");
        return role;
    }

    /// <summary>resourceId('&lt;provider&gt;/&lt;type&gt;', &lt;one name&gt;): one resource in the deployment's resource group.</summary>
    [GeneratedRegex(@"^\[resourceId\('(?<type>[A-Za-z]+\.[A-Za-z]+/[A-Za-z]+)', parameters\('\w+'\)\)\]$")]
    private static partial Regex SingleResourceScope();

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (?<role>variables\('\w+'\)(\.\w+)*|'[0-9a-f-]{36}')\)\]$")]
    private static partial Regex RoleDefinition();
}
