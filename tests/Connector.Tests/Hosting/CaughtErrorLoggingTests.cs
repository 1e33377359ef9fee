using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connector.Tests.Hosting;

/// <summary>
/// An error the connector catches and goes on from is logged with its exception object, so the log shows its type,
/// inner exceptions and stack, not only its message. Read from the source with Roslyn's parser.
/// </summary>
public sealed class CaughtErrorLoggingTests
{
    /// <summary>
    /// Verdicts, not faults: their message is written for the log (why a request or a token was refused) and a stack
    /// trace would add nothing but volume to what hostile or stale input can cause at will.
    /// </summary>
    private static readonly (string File, string MessageStart)[] ReasonOnly =
    [
        ("SignedCallback.cs", "\"{Callback} callback refused"),
        ("AuthCallbackHandler.cs", "\"Install of store {StoreHash} refused by the login service"),
        ("StoreSyncHandler.cs", "\"Store {StoreHash} needs re-authorizing"),
        ("StoreSyncHandler.cs", "\"The {Flow} flow of store {StoreHash} lacks its BigCommerce scope"),
        ("ProcessOrderHandler.cs", "\"Order {OrderId} of store {StoreHash} waits"),
    ];

    [Fact]
    public void A_caught_error_that_is_logged_is_logged_with_its_exception_not_only_its_message()
    {
        var root = FindRepositoryRoot();
        var sep = Path.DirectorySeparatorChar;
        var files = new[] { "Connector", "Connector.LocalHost" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, "functions", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal));

        var messageOnly = new List<string>();
        foreach (var file in files)
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview), file);
            foreach (var clause in tree.GetRoot().DescendantNodes().OfType<CatchClauseSyntax>())
            {
                if (clause.Declaration?.Identifier.ValueText is not { Length: > 0 } caught)
                {
                    continue;
                }

                foreach (var call in clause.Block.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(IsLogCall))
                {
                    var arguments = call.ArgumentList.Arguments.Select(a => a.Expression).ToList();
                    var passesException = arguments.Any(a => a is IdentifierNameSyntax id && id.Identifier.ValueText == caught);
                    var passesMessage = arguments.Any(a => a.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>()
                        .Any(m => m.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == caught && m.Name.Identifier.ValueText == "Message"));
                    var allowed = ReasonOnly.Any(r => Path.GetFileName(file) == r.File
                                                      && arguments.FirstOrDefault()?.ToString().StartsWith(r.MessageStart, StringComparison.Ordinal) == true);
                    if (passesMessage && !passesException && !allowed)
                    {
                        var line = call.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                        messageOnly.Add($"{Path.GetRelativePath(root, file)}:{line}");
                    }
                }
            }
        }

        Assert.True(messageOnly.Count == 0, $"Logged with {{ex}}.Message only (pass the exception instead): {string.Join(", ", messageOnly)}");
    }

    private static bool IsLogCall(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "LogTrace" or "LogDebug" or "LogInformation" or "LogWarning" or "LogError" or "LogCritical" };

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Connector.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Connector.sln above {AppContext.BaseDirectory}.");
    }
}
