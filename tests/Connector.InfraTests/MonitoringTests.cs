using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Hosting;
using Connector.Telemetry;

namespace Connector.InfraTests;

/// <summary>
/// The alerts and the workbook query what the app emits: every metric name is one of ConnectorMetrics', every span
/// property one of SpanTags', every span name a queue hop's, every table one the exporter writes; and the alerts notify
/// the action group whose receivers are a parameter.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class MonitoringTests(CompiledInfrastructure infra)
{
    /// <summary>Where workspace-based Application Insights puts the OpenTelemetry exporter's data.</summary>
    private static readonly string[] AppTables = ["AppMetrics", "AppRequests", "AppDependencies", "AppTraces", "AppExceptions"];

    private static readonly HashSet<string> SpanTagNames = [.. typeof(SpanTags)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    private TemplateResource AlertsModule => infra.Module("alerts");

    private IReadOnlyList<(string Name, string Query)> AlertQueries =>
        [.. CompiledInfrastructure.ResolveVariable(AlertsModule.Properties.GetProperty("template"), "variables('rules')").EnumerateArray()
            .Select(rule => (rule.GetProperty("name").GetString()!, rule.GetProperty("query").GetString()!))];

    private IReadOnlyList<string> WorkbookQueries =>
        [.. CompiledInfrastructure.ResolveVariable(infra.Module("workbook").Properties.GetProperty("template"), "variables('storeCharts')").EnumerateArray()
            .Select(chart => chart.GetProperty("query").GetString()!)];

    [Fact]
    public void There_is_an_alert_for_poison_reauthorization_back_office_failures_order_latency_and_function_failures()
    {
        Assert.Equal(
            ["back-office-failure-rate", "function-failures", "order-latency-p95", "poison-messages", "store-needs-reauthorization"],
            AlertQueries.Select(a => a.Name).Order(StringComparer.Ordinal));
        var rules = infra.OfType("Microsoft.Insights/scheduledQueryRules").ToList();
        Assert.Single(rules); // one resource, looped over the rules
        Assert.Equal("[variables('rules')[copyIndex()].query]", rules[0].Properties.Path("criteria.allOf").EnumerateArray().Single().GetProperty("query").GetString());
        Assert.Equal("[parameters('workspaceId')]", rules[0].Properties.GetProperty("scopes").EnumerateArray().Single().GetString());
        Assert.Equal("monitoring", ModuleOf(infra.PassedTo("alerts", "workspaceId")));
    }

    [Fact]
    public void Every_alert_notifies_the_action_group_whose_email_receivers_are_a_parameter()
    {
        var rule = infra.One("Microsoft.Insights/scheduledQueryRules");
        var groups = rule.Properties.Path("actions.actionGroups").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Equal(["[resourceId('Microsoft.Insights/actionGroups', parameters('actionGroupName'))]"], groups);
        var group = infra.One("Microsoft.Insights/actionGroups");
        var receivers = group.Properties.GetProperty("copy").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "emailReceivers");
        Assert.Equal("[length(variables('emailReceivers'))]", receivers.GetProperty("count").GetString());
        Assert.Contains("split(parameters('emailAddresses'), ',')", group.Template.GetProperty("variables").GetProperty("emailReceivers").GetString(), StringComparison.Ordinal);
        Assert.Equal("[parameters('alertEmailAddresses')]", infra.PassedTo("alerts", "emailAddresses"));
        Assert.Contains("alertEmailAddresses", File.ReadAllText(Path.Combine(BuildInfo.InfraDirectory, "main.parameters.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_query_names_only_metrics_span_names_properties_and_tables_the_app_emits() =>
        Assert.All(AlertQueries, alert => AssertEmitted(alert.Name, alert.Query));

    [Fact]
    public void Queries_over_sampled_spans_count_what_each_row_stands_for()
    {
        // A sampled span's row stands for ItemCount spans: count() would undercount failures once tracing is sampled.
        var overSpans = AlertQueries.Select(a => a.Query).Concat(WorkbookQueries)
            .Where(q => q.Contains("AppRequests", StringComparison.Ordinal) || q.Contains("AppDependencies", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(overSpans);
        Assert.All(overSpans, query => Assert.DoesNotMatch(@"\bcount(if)?\(", query));
    }

    [Fact]
    public void The_workbook_charts_every_metric_the_app_emits_and_nothing_else()
    {
        Assert.All(WorkbookQueries, query => AssertEmitted("workbook", query));
        var charted = WorkbookQueries.SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(ConnectorMetrics.Names, name => !charted.Contains(name));
        Assert.Equal("[parameters('workspaceId')]", infra.One("Microsoft.Insights/workbooks").Properties.GetProperty("sourceId").GetString());
    }

    [Fact]
    public void The_lint_of_the_monitoring_modules_is_clean()
    {
        Assert.DoesNotContain("alerts.bicep", infra.Lint.StandardOutput + infra.Lint.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("workbook.bicep", infra.Lint.StandardOutput + infra.Lint.StandardError, StringComparison.Ordinal);
    }

    private static void AssertEmitted(string what, string query)
    {
        var table = LeadingTable().Match(query);
        Assert.True(table.Success && AppTables.Contains(table.Groups["table"].Value), $"{what}: '{query}' does not start with a table the exporter writes.");
        Assert.DoesNotContain("union", query, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("join", query, StringComparison.OrdinalIgnoreCase);

        foreach (var metric in MetricNames(query))
        {
            Assert.True(ConnectorMetrics.Names.Contains(metric), $"{what}: metric {metric} is not one ConnectorMetrics emits.");
        }

        foreach (Match property in PropertyKey().Matches(query))
        {
            var key = property.Groups["key"].Value;
            Assert.True(key is ConnectorMetrics.StoreTag or ConnectorMetrics.QueueTag || SpanTagNames.Contains(key),
                $"{what}: property {key} is neither a metric tag nor a SpanTags attribute.");
        }

        foreach (Match span in SpanName().Matches(query))
        {
            var name = span.Groups["name"].Value;
            Assert.True(QueueNames.All.Any(queue => name == $"{queue} process" || name == $"{queue} send"),
                $"{what}: span {name} is not a queue hop's (QueueTraceContext).");
        }

        Assert.True(query.Contains("AppMetrics", StringComparison.Ordinal) == MetricNames(query).Any(),
            $"{what}: an AppMetrics query names its metrics, and only it does.");
    }

    private static IEnumerable<string> MetricNames(string query) =>
        MetricName().Matches(query).Select(m => m.Groups["name"].Value).Where(name => !SpanTagNames.Contains(name));

    private static string ModuleOf(string expression) =>
        ModuleReference().Match(expression) is { Success: true } m ? m.Groups["module"].Value : expression;

    /// <summary>The first table, also in a query ARM builds with format('…') around it.</summary>
    [GeneratedRegex(@"^(\[format\(')?\s*(?<table>\w+)\s*\|")]
    private static partial Regex LeadingTable();

    [GeneratedRegex("\"(?<name>connector\\.[a-z_.]+)\"")]
    private static partial Regex MetricName();

    [GeneratedRegex("Properties\\[\"(?<key>[^\"]+)\"\\]")]
    private static partial Regex PropertyKey();

    [GeneratedRegex("Name == \"(?<name>[a-z-]+ (process|send))\"")]
    private static partial Regex SpanName();

    [GeneratedRegex(@"Microsoft\.Resources/deployments', '(?<module>[\w-]+)'")]
    private static partial Regex ModuleReference();
}
