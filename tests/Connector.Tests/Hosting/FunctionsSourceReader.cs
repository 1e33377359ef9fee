using System.Reflection;
using Connector.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Connector.Tests.Hosting;

/// <summary>A trigger binding as the Functions source declares it.</summary>
public abstract record DeclaredTrigger;

public sealed record DeclaredTimer(string Schedule, bool RunOnStartup) : DeclaredTrigger;

public sealed record DeclaredQueue(string QueueName, string? Connection) : DeclaredTrigger;

/// <summary><see cref="AuthLevel"/> is null when the attribute leaves it to the constructor's default.</summary>
public sealed record DeclaredHttp(string? AuthLevel, IReadOnlyList<string> Methods, string? Route) : DeclaredTrigger;

/// <summary>No trigger parameter, or more than one, or one this reader doesn't know.</summary>
public sealed record UnrecognisedTrigger(string Description) : DeclaredTrigger;

/// <summary>One <c>[Function("Name")]</c> method: where it is, its trigger, and every type name its body mentions.</summary>
public sealed record DeclaredFunction(string Name, string Location, DeclaredTrigger Trigger, IReadOnlySet<string> NamesInBody);

/// <summary>
/// Reads the Azure Functions app's C# source with Roslyn's parser (syntax only: the app's packages
/// need not be restorable here) and reports every function it declares. Attribute arguments may be
/// string literals, concatenations, <c>nameof</c>, or constants (the app's own, or the connector's,
/// such as <see cref="QueueNames"/>). Anything else is an error, never silently skipped.
/// </summary>
public sealed class FunctionsSourceReader
{
    private readonly Dictionary<string, string> constants = new(StringComparer.Ordinal);
    private readonly Assembly connector = typeof(TriggerCatalog).Assembly;

    public static IReadOnlyList<DeclaredFunction> ReadDirectory(string directory)
    {
        var sep = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllText);
        return Read(files);
    }

    /// <summary>Sources by file name; a test can hand it snippets.</summary>
    public static IReadOnlyList<DeclaredFunction> Read(IReadOnlyDictionary<string, string> sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Value, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview), s.Key)).ToList();
        foreach (var error in trees.SelectMany(t => t.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException($"The Functions source does not parse: {error}");
        }

        var reader = new FunctionsSourceReader();
        reader.CollectConstants(trees);
        return trees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Select(reader.ReadFunction)
            .OfType<DeclaredFunction>()
            .ToList();
    }

    private void CollectConstants(IEnumerable<SyntaxTree> trees)
    {
        var fields = trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>())
            .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword));

        // Constants may refer to each other; resolve until nothing more resolves.
        var pending = fields.SelectMany(f => f.Declaration.Variables.Select(v => (Field: f, Variable: v))).ToList();
        while (pending.Count > 0)
        {
            var resolved = pending.Where(p => TryEvaluate(p.Variable.Initializer?.Value, out _)).ToList();
            if (resolved.Count == 0)
            {
                break;
            }

            foreach (var (field, variable) in resolved)
            {
                TryEvaluate(variable.Initializer!.Value, out var value);
                var type = field.Ancestors().OfType<TypeDeclarationSyntax>().First().Identifier.Text;
                constants[$"{type}.{variable.Identifier.Text}"] = value!;
                constants.TryAdd(variable.Identifier.Text, value!);
            }

            pending = pending.Except(resolved).ToList();
        }
    }

    private DeclaredFunction? ReadFunction(MethodDeclarationSyntax method)
    {
        var function = Attributes(method.AttributeLists).FirstOrDefault(a => Is(a, "Function"));
        if (function is null)
        {
            return null;
        }

        var location = Location(method);
        var name = Evaluate(Positional(function, 0, "name") ?? throw Error(function, "[Function] has no name"));
        var triggers = method.ParameterList.Parameters
            .SelectMany(p => Attributes(p.AttributeLists))
            .Where(a => a.Name.ToString().Replace("Attribute", "", StringComparison.Ordinal).EndsWith("Trigger", StringComparison.Ordinal))
            .ToList();
        DeclaredTrigger trigger = triggers.Count == 1
            ? ReadTrigger(triggers[0])
            : new UnrecognisedTrigger($"{triggers.Count} trigger parameters");

        var namesInBody = ((SyntaxNode?)method.Body ?? method.ExpressionBody)?.DescendantNodes().OfType<SimpleNameSyntax>()
            .Select(n => n.Identifier.Text).ToHashSet(StringComparer.Ordinal) ?? [];
        return new DeclaredFunction(name, location, trigger, namesInBody);
    }

    private DeclaredTrigger ReadTrigger(AttributeSyntax trigger)
    {
        if (Is(trigger, "TimerTrigger"))
        {
            var schedule = Evaluate(Positional(trigger, 0, "schedule") ?? throw Error(trigger, "[TimerTrigger] has no schedule"));
            var runOnStartup = Named(trigger, "RunOnStartup") is { } value && value.IsKind(SyntaxKind.TrueLiteralExpression);
            return new DeclaredTimer(schedule, runOnStartup);
        }

        if (Is(trigger, "QueueTrigger"))
        {
            var queue = Evaluate(Positional(trigger, 0, "queueName") ?? throw Error(trigger, "[QueueTrigger] has no queue name"));
            return new DeclaredQueue(queue, Named(trigger, "Connection") is { } connection ? Evaluate(connection) : null);
        }

        if (Is(trigger, "HttpTrigger"))
        {
            var positional = trigger.ArgumentList?.Arguments.Where(a => a.NameEquals is null).Select(a => a.Expression).ToList() ?? [];
            string? authLevel = null;
            if (positional.FirstOrDefault() is MemberAccessExpressionSyntax { Expression: var type } level && type.ToString().EndsWith("AuthorizationLevel", StringComparison.Ordinal))
            {
                authLevel = level.Name.Identifier.Text;
                positional.RemoveAt(0);
            }

            var route = Named(trigger, "Route") is { } r ? Evaluate(r) : null;
            return new DeclaredHttp(authLevel, positional.Select(Evaluate).ToList(), route);
        }

        return new UnrecognisedTrigger($"[{trigger.Name}]");
    }

    private string Evaluate(ExpressionSyntax expression) =>
        TryEvaluate(expression, out var value) ? value! : throw Error(expression, $"cannot read '{expression}' as a constant string");

    private bool TryEvaluate(ExpressionSyntax? expression, out string? value)
    {
        value = expression switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
            ParenthesizedExpressionSyntax inner => TryEvaluate(inner.Expression, out var v) ? v : null,
            BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression) =>
                TryEvaluate(add.Left, out var l) && TryEvaluate(add.Right, out var r) ? l + r : null,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } nameOf =>
                NameOf(nameOf.ArgumentList.Arguments.Single().Expression),
            MemberAccessExpressionSyntax member => Constant(member.Expression.ToString().Split('.')[^1], member.Name.Identifier.Text),
            IdentifierNameSyntax identifier => constants.GetValueOrDefault(identifier.Identifier.Text),
            _ => null,
        };
        return value is not null;
    }

    private static string NameOf(ExpressionSyntax target) =>
        target is MemberAccessExpressionSyntax member ? member.Name.Identifier.Text : target.ToString();

    /// <summary>A constant of the app's own source, else of a connector type with that name.</summary>
    private string? Constant(string type, string field) =>
        constants.GetValueOrDefault($"{type}.{field}")
        ?? connector.GetTypes()
            .Where(t => t.Name == type)
            .Select(t => t.GetField(field, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .FirstOrDefault(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            ?.GetRawConstantValue() as string;

    private static IEnumerable<AttributeSyntax> Attributes(SyntaxList<AttributeListSyntax> lists) => lists.SelectMany(l => l.Attributes);

    private static bool Is(AttributeSyntax attribute, string name)
    {
        var simple = attribute.Name.ToString().Split('.')[^1];
        return simple == name || simple == name + "Attribute";
    }

    private static ExpressionSyntax? Positional(AttributeSyntax attribute, int index, string parameterName)
    {
        var arguments = attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToList() ?? [];
        return arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == parameterName)?.Expression
            ?? (index < arguments.Count && arguments[index].NameColon is null ? arguments[index].Expression : null);
    }

    private static ExpressionSyntax? Named(AttributeSyntax attribute, string property) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == property)?.Expression;

    private static string Location(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}";
    }

    private static InvalidOperationException Error(SyntaxNode node, string message) => new($"{Location(node)}: {message}");
}
