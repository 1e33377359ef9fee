using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connector.InfraTests;

/// <summary>The Bicep compiles and lints clean with the real CLI; whatever is switched off is written down.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class BicepToolingTests(CompiledInfrastructure infra)
{
    [Fact]
    public void Main_bicep_builds_without_a_single_warning()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.ToString());
        Assert.True(string.IsNullOrWhiteSpace(infra.Build.StandardError), infra.Build.ToString());
    }

    [Fact]
    public void Every_bicep_file_lints_clean()
    {
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.ToString());
        Assert.True(string.IsNullOrWhiteSpace(infra.Lint.StandardError), infra.Lint.ToString());
        Assert.True(string.IsNullOrWhiteSpace(infra.Lint.StandardOutput), infra.Lint.ToString());
    }

    [Fact]
    public void Every_bicep_file_is_reachable_from_main()
    {
        // A module nobody references would escape the compiled-template checks below.
        var referenced = new HashSet<string>(StringComparer.Ordinal) { "main.bicep" };
        var pending = new Queue<string>(["main.bicep"]);
        while (pending.TryDequeue(out var file))
        {
            var directory = Path.GetDirectoryName(file) ?? string.Empty;
            var text = File.ReadAllText(Path.Combine(BuildInfo.InfraDirectory, file));
            foreach (Match match in ModuleOrImportPath().Matches(text))
            {
                var target = Path.GetRelativePath(
                    BuildInfo.InfraDirectory,
                    Path.GetFullPath(Path.Combine(BuildInfo.InfraDirectory, directory, match.Groups["path"].Value)));
                if (referenced.Add(target))
                {
                    pending.Enqueue(target);
                }
            }
        }

        var onDisk = Directory.EnumerateFiles(BuildInfo.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(BuildInfo.InfraDirectory, f))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(onDisk.Order(), referenced.Order());
    }

    [Fact]
    public void Every_linter_rule_turned_off_is_justified_in_the_infra_readme()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildInfo.InfraDirectory, "bicepconfig.json")));
        var rules = config.RootElement.GetProperty("analyzers").GetProperty("core").GetProperty("rules");
        var off = rules.EnumerateObject()
            .Where(r => r.Value.GetProperty("level").GetString() == "off")
            .Select(r => r.Name)
            .ToList();

        var readme = File.ReadAllText(Path.Combine(BuildInfo.InfraDirectory, "README.md"));
        var start = readme.IndexOf("## Linter rules turned off", StringComparison.Ordinal);
        Assert.True(start >= 0, "infra/README.md has no '## Linter rules turned off' section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        Assert.All(off, rule => Assert.Contains($"`{rule}`", section, StringComparison.Ordinal));

        // And nothing is justified that is not actually off.
        var justified = JustifiedRule().Matches(section).Select(m => m.Groups["rule"].Value);
        Assert.Equal(off.Order(), justified.Order());
    }

    [Fact]
    public void Bicep_files_are_formatted_as_bicep_format_writes_them()
    {
        var copy = Directory.CreateTempSubdirectory("infra-format-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(BuildInfo.InfraDirectory, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy.FullName, Path.GetRelativePath(BuildInfo.InfraDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var format = BicepCli.Run(copy.FullName, "format", "--pattern", "**/*.bicep");
            Assert.True(format.ExitCode == 0, format.ToString());

            foreach (var file in Directory.EnumerateFiles(BuildInfo.InfraDirectory, "*.bicep", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(BuildInfo.InfraDirectory, file);
                Assert.True(
                    File.ReadAllText(file) == File.ReadAllText(Path.Combine(copy.FullName, relative)),
                    $"infra/{relative} is not formatted; run: bicep format --pattern 'infra/**/*.bicep'");
            }
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^\s*(?:module\s+\w+|import\s+\{[^}]*\}\s+from)\s+'(?<path>[^']+\.bicep)'", RegexOptions.Multiline)]
    private static partial Regex ModuleOrImportPath();

    [GeneratedRegex(@"^- `(?<rule>[a-z0-9-]+)`", RegexOptions.Multiline)]
    private static partial Regex JustifiedRule();
}
