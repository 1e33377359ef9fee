namespace Sandbox.Inventory;

/// <summary>
/// Why an adjustment is refused as a whole: every message goes in the 422's <c>title</c> (in brackets, as the
/// spec's example); field errors are also keyed in <c>errors</c>, tracking-mode refusals are not (the spec's
/// example answers them with <c>errors: {}</c>).
/// </summary>
public sealed class AdjustmentRefusal
{
    private readonly List<string> _messages = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => _messages.Count == 0;

    public string Title => "[" + string.Join(", ", _messages) + "]";

    public static AdjustmentRefusal From(IReadOnlyDictionary<string, string> errors)
    {
        var refusal = new AdjustmentRefusal();
        foreach (var (field, message) in errors)
        {
            refusal.Add(field, message);
        }
        return refusal;
    }

    public void Add(string? field, string message)
    {
        _messages.Add(message);
        if (field is not null)
        {
            Errors[field] = message;
        }
    }
}
