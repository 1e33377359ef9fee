using Microsoft.Extensions.Options;

namespace Sandbox.Webhooks;

/// <summary>
/// Every store's webhook subscriptions and notification emails, under one lock. Enforces the
/// platform limits of overview.mdx: one hook per scope + destination, at most 10 per scope, one
/// deliveryException hook per store, on a destination no other hook uses.
/// </summary>
public sealed class WebhookRegistry(IOptions<SandboxOptions> options, TimeProvider clock)
{
    public const int MaxHooksPerScope = 10;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<long, Webhook>> _hooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _emails = new(StringComparer.Ordinal);
    private long _nextId = 20_172_984;

    public string ClientId => options.Value.App.ClientId;

    /// <summary>Bumped by <see cref="Reset"/>, so retries scheduled before it are dropped.</summary>
    public int Generation { get; private set; }

    public sealed record Outcome(Webhook? Hook, string? Field = null, string? Error = null)
    {
        public bool Ok => Hook is not null;
    }

    public Outcome Create(string storeHash, WebhookDraft draft)
    {
        if (Validate(draft, creating: true) is { } invalid)
        {
            return invalid;
        }
        lock (_gate)
        {
            var hooks = HooksLocked(storeHash);
            if (Conflict(hooks.Values, null, draft.Scope!, draft.Destination!) is { } conflict)
            {
                return conflict;
            }
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var hook = new Webhook(_nextId++, ClientId, storeHash, draft.Scope!, draft.Destination!, draft.Headers,
                draft.IsActive == false ? WebhookStatus.Inactive : WebhookStatus.Active, draft.EventsHistoryEnabled, now, now);
            hooks.Add(hook.Id, hook);
            return new Outcome(hook);
        }
    }

    public Outcome? Update(string storeHash, long id, WebhookDraft draft)
    {
        if (draft is { Scope: null, Destination: null, IsActive: null, EventsHistoryEnabled: null, HeadersGiven: false })
        {
            return new Outcome(null, "body", "At least one field is required to perform an update.");
        }
        if (Validate(draft, creating: false) is { } invalid)
        {
            return invalid;
        }
        lock (_gate)
        {
            var hooks = HooksLocked(storeHash);
            if (!hooks.TryGetValue(id, out var current))
            {
                return null;
            }
            var scope = draft.Scope ?? current.Scope;
            var destination = draft.Destination ?? current.Destination;
            if (Conflict(hooks.Values, id, scope, destination) is { } conflict)
            {
                return conflict;
            }
            var updated = current with
            {
                Scope = scope,
                Destination = destination,
                Headers = draft.HeadersGiven ? draft.Headers : current.Headers,
                EventsHistoryEnabled = draft.EventsHistoryEnabled ?? current.EventsHistoryEnabled,
                Status = draft.IsActive switch
                {
                    true => WebhookStatus.Active,
                    false when current.Status == WebhookStatus.Active => WebhookStatus.Inactive,
                    _ => current.Status,
                },
                UpdatedAt = clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            hooks[id] = updated;
            return new Outcome(updated);
        }
    }

    public Webhook? Find(string storeHash, long id)
    {
        lock (_gate)
        {
            return _hooks.TryGetValue(storeHash, out var hooks) ? hooks.GetValueOrDefault(id) : null;
        }
    }

    public IReadOnlyList<Webhook> List(string storeHash)
    {
        lock (_gate)
        {
            return _hooks.TryGetValue(storeHash, out var hooks) ? hooks.Values.ToList() : [];
        }
    }

    /// <summary>Active hooks of the store whose scope covers <paramref name="eventScope"/>.</summary>
    public IReadOnlyList<Webhook> Subscribers(string storeHash, string eventScope)
    {
        lock (_gate)
        {
            return _hooks.TryGetValue(storeHash, out var hooks)
                ? hooks.Values.Where(h => h.IsActive && WebhookScopes.Matches(h.Scope, eventScope)).ToList()
                : [];
        }
    }

    public Webhook? Delete(string storeHash, long id)
    {
        lock (_gate)
        {
            return _hooks.TryGetValue(storeHash, out var hooks) && hooks.Remove(id, out var removed) ? removed : null;
        }
    }

    /// <summary>What BigCommerce does after the last retry: is_active false, status deactivated.</summary>
    public Webhook? Deactivate(string storeHash, long id)
    {
        lock (_gate)
        {
            if (!_hooks.TryGetValue(storeHash, out var hooks) || !hooks.TryGetValue(id, out var current))
            {
                return null;
            }
            var updated = current with { Status = WebhookStatus.Deactivated, UpdatedAt = clock.GetUtcNow().ToUnixTimeSeconds() };
            hooks[id] = updated;
            return updated;
        }
    }

    public IReadOnlyList<string> Emails(string storeHash)
    {
        lock (_gate)
        {
            return _emails.GetValueOrDefault(storeHash) ?? [];
        }
    }

    public void SetEmails(string storeHash, IReadOnlyList<string> emails)
    {
        lock (_gate)
        {
            _emails[storeHash] = emails;
        }
    }

    /// <summary>The app was uninstalled: BigCommerce deletes its hooks.</summary>
    public void RemoveStore(string storeHash)
    {
        lock (_gate)
        {
            _hooks.Remove(storeHash);
            _emails.Remove(storeHash);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _hooks.Clear();
            _emails.Clear();
            Generation++;
        }
    }

    private SortedDictionary<long, Webhook> HooksLocked(string storeHash)
    {
        if (!_hooks.TryGetValue(storeHash, out var hooks))
        {
            hooks = [];
            _hooks[storeHash] = hooks;
        }
        return hooks;
    }

    private static Outcome? Validate(WebhookDraft draft, bool creating)
    {
        if (creating && string.IsNullOrWhiteSpace(draft.Scope))
        {
            return new Outcome(null, "scope", "error.path.missing.");
        }
        if (creating && string.IsNullOrWhiteSpace(draft.Destination))
        {
            return new Outcome(null, "destination", "error.path.missing.");
        }
        if (draft.Scope is { } scope && !WebhookScopes.Known.Contains(scope))
        {
            return new Outcome(null, "scope", $"Unknown scope '{scope}'.");
        }
        if (draft.Destination is { } destination && !WebhookDestinations.TryValidate(destination, out var error))
        {
            return new Outcome(null, "destination", error);
        }
        return null;
    }

    private static Outcome? Conflict(IEnumerable<Webhook> hooks, long? self, string scope, string destination)
    {
        var others = hooks.Where(h => h.Id != self).ToList();
        if (others.Any(h => h.Scope == scope && string.Equals(h.Destination, destination, StringComparison.OrdinalIgnoreCase)))
        {
            return new Outcome(null, "destination", $"A webhook for scope '{scope}' and this destination already exists.");
        }
        if (others.Count(h => h.Scope == scope) >= MaxHooksPerScope)
        {
            return new Outcome(null, "scope", $"At most {MaxHooksPerScope} webhooks per scope.");
        }
        if (scope == WebhookScopes.DeliveryException)
        {
            if (others.Any(h => h.Scope == WebhookScopes.DeliveryException))
            {
                return new Outcome(null, "scope", "There can only be one store/hook/deliveryException hook per store and client.");
            }
            if (others.Any(h => string.Equals(h.Destination, destination, StringComparison.OrdinalIgnoreCase)))
            {
                return new Outcome(null, "destination", "The deliveryException destination must differ from every other hook's.");
            }
        }
        else if (others.Any(h => h.Scope == WebhookScopes.DeliveryException && string.Equals(h.Destination, destination, StringComparison.OrdinalIgnoreCase)))
        {
            return new Outcome(null, "destination", "This destination receives the store's deliveryException hook.");
        }
        return null;
    }
}
