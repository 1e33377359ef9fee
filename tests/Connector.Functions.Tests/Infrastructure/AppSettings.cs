using System.Text.Json;

namespace Connector.Functions.Tests.Infrastructure;

/// <summary>
/// The settings the Functions host would hand the worker: local.settings.sample.json's Values (as environment
/// variables, so <c>__</c> separates sections), with the addresses of this machine's Azurite and sandbox. Nothing
/// LocalHost adds on its own is here, so a setting only LocalHost supplies fails these tests.
/// </summary>
public static class AppSettings
{
    public static Dictionary<string, string> FromSample(IReadOnlyDictionary<string, string> overrides)
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "local.settings.sample.json")));
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in sample.RootElement.GetProperty("Values").EnumerateObject())
        {
            settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.GetString() ?? "";
        }

        foreach (var (key, value) in overrides)
        {
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return settings;
    }

    /// <summary>As command-line arguments, which <c>FunctionsApplication.CreateBuilder(args)</c> reads last.</summary>
    public static string[] AsArguments(IReadOnlyDictionary<string, string> settings) =>
        settings.Select(s => $"--{s.Key}={s.Value}").ToArray();

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Connector.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Connector.sln not found above " + AppContext.BaseDirectory);
    }
}
