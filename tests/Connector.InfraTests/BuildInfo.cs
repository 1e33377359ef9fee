using System.Reflection;

namespace Connector.InfraTests;

/// <summary>Paths MSBuild wrote into this assembly, so no test guesses where the repository or the Bicep CLI is.</summary>
internal static class BuildInfo
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string InfraDirectory { get; } = Path.Combine(RepositoryRoot, "infra");

    public static string BicepCliPath { get; } = Metadata("BicepCliPath");

    private static string Metadata(string key) =>
        typeof(BuildInfo).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; it is written by Connector.InfraTests.csproj.");
}
