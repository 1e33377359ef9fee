using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Connector.LocalHost.Configuration;

/// <summary>
/// Reads the two files the Functions host reads, so both hosts run on the same settings:
/// host.json (queue behaviour) and local.settings.json (app settings for local runs).
/// Both sit below environment variables and the command line, as app settings do in Functions.
/// </summary>
public static class FunctionsConfigurationFiles
{
    /// <summary>
    /// Points at a specific local.settings.json; "none" (or empty) reads none, which keeps
    /// tests independent of a developer's own file.
    /// </summary>
    public const string LocalSettingsPathKey = "LocalHost:LocalSettingsPath";

    public const string HostJsonFileName = "host.json";
    public const string LocalSettingsFileName = "local.settings.json";

    /// <summary>Adds the files and returns the paths it found, for a start-up log line.</summary>
    public static LoadedConfigurationFiles AddFunctionsConfigurationFiles(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        var hostJson = FindHostJson(contentRoot);
        var localSettings = FindLocalSettings(builder.Configuration[LocalSettingsPathKey], contentRoot);

        var added = new List<IConfigurationSource>();
        if (hostJson is not null)
        {
            var source = new JsonConfigurationSource { Path = hostJson, Optional = false, ReloadOnChange = false };
            source.ResolveFileProvider();
            added.Add(source);
        }

        if (localSettings is not null)
        {
            added.Add(new MemoryConfigurationSource { InitialData = LocalSettingsFile.ReadValues(localSettings) });
        }

        var sources = builder.Configuration.Sources;
        var at = InsertionIndex(sources);
        for (var i = 0; i < added.Count; i++)
        {
            sources.Insert(at + i, added[i]);
        }

        return new LoadedConfigurationFiles(hostJson, localSettings);
    }

    /// <summary>The copy linked into the build output, else one in the content root.</summary>
    private static string? FindHostJson(string contentRoot) =>
        new[] { AppContext.BaseDirectory, contentRoot }
            .Select(dir => Path.Combine(dir, HostJsonFileName))
            .FirstOrDefault(File.Exists);

    private static string? FindLocalSettings(string? configuredPath, string contentRoot)
    {
        if (configuredPath is not null)
        {
            if (string.IsNullOrWhiteSpace(configuredPath) || configuredPath.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var full = Path.GetFullPath(configuredPath, contentRoot);
            return File.Exists(full)
                ? full
                : throw new InvalidOperationException($"The setting {LocalSettingsPathKey} names '{full}', which does not exist.");
        }

        // Next to the content root, else at the repository root (where the sample file lives).
        var candidates = new List<string> { contentRoot };
        candidates.AddRange(new[] { contentRoot, AppContext.BaseDirectory }.Select(FindRepositoryRoot).OfType<string>());
        return candidates
            .Select(dir => Path.Combine(dir, LocalSettingsFileName))
            .FirstOrDefault(File.Exists);
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")) || Directory.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Just below the unprefixed environment variables, so they and the command line win.</summary>
    private static int InsertionIndex(IList<IConfigurationSource> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" } or CommandLineConfigurationSource)
            {
                return i;
            }
        }

        return sources.Count;
    }
}

public sealed record LoadedConfigurationFiles(string? HostJson, string? LocalSettings);
