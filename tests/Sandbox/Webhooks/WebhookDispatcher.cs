using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Sandbox.Webhooks;

/// <summary>
/// BigCommerce's webhook service: events go into a channel and are POSTed in the background, so
/// the request that caused them never waits. Any non-2xx answer, timeout or transport error is
/// retried on BigCommerce's schedule (60 s … 86400 s, times <c>RetryScale</c>) with the same
/// webhook-id; after the last retry fails the hook is deactivated and a deliveryException
/// (90002) goes to the store's deliveryException hook. While retrying, a 90001 goes there at most
/// once per 10 minutes (scaled) per destination domain.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        WebhookSigner.IdHeader, WebhookSigner.TimestampHeader, WebhookSigner.SignatureHeader, "Content-Type", "Content-Length", "Host",
    };

    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _concurrency = new(128);
    private readonly Lock _noticeGate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastRetryNotice = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpClient _http;
    private readonly WebhookRegistry _registry;
    private readonly WebhookSettings _settings;
    private readonly WebhookDeliveryLog _log;
    private readonly WebhookStats _stats;
    private readonly WebhookChaos _chaos;
    private readonly WebhookBlocklist _blocklist;
    private readonly TimeProvider _clock;
    private readonly string _clientSecret;
    private readonly ILogger<WebhookDispatcher> _logger;

    public WebhookDispatcher(
        WebhookRegistry registry, WebhookSettings settings, WebhookDeliveryLog log, WebhookStats stats, WebhookChaos chaos, WebhookBlocklist blocklist,
        IOptions<SandboxOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    {
        _registry = registry;
        _settings = settings;
        _log = log;
        _stats = stats;
        _chaos = chaos;
        _blocklist = blocklist;
        _clock = clock;
        _clientSecret = options.Value.App.ClientSecret;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 256,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    private sealed record Job(string EventId, WebhookEvent Event, long HookId, int Attempt, bool Duplicate, int Generation);

    /// <summary>Queues the event for every active hook of its store whose scope covers it. Never blocks.</summary>
    public void Publish(WebhookEvent e)
    {
        if (!_settings.Current.Enabled)
        {
            return;
        }
        _stats.Event();
        if (e.Scope != WebhookScopes.DeliveryException && _chaos.Hold(e) is { } release)
        {
            Release(release);
            return;
        }
        Enqueue(e);
    }

    /// <summary>
    /// Publishes events held back by reorder-next in the order given (newest first), 50 ms apart so
    /// they also arrive in that order although deliveries run concurrently.
    /// </summary>
    public void Release(IReadOnlyList<WebhookEvent> events)
    {
        if (events.Count > 0)
        {
            _ = StaggerAsync(events);
        }
    }

    private async Task StaggerAsync(IReadOnlyList<WebhookEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
            Enqueue(events[i]);
        }
    }

    private void Enqueue(WebhookEvent e)
    {
        var hooks = _registry.Subscribers(e.StoreHash, e.Scope);
        if (hooks.Count == 0)
        {
            return;
        }
        var duplicate = _chaos.TakeDuplicate(e.StoreHash);
        var generation = _registry.Generation;
        foreach (var hook in hooks)
        {
            _stats.Delivery();
            _stats.Enter();
            _queue.Writer.TryWrite(new Job(Guid.NewGuid().ToString(), e, hook.Id, 1, duplicate, generation));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await _concurrency.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(job, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                    }
                    catch (Exception ex)
                    {
                        _logger.LogError(ex, "Webhook delivery {EventId} failed unexpectedly", job.EventId);
                        _stats.Leave();
                    }
                    finally
                    {
                        _concurrency.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
        _concurrency.Dispose();
    }

    private async Task RunAsync(Job job, CancellationToken ct)
    {
        var hook = _registry.Find(job.Event.StoreHash, job.HookId);
        if (job.Generation != _registry.Generation || hook is null || !hook.IsActive)
        {
            _stats.Dropped();
            _stats.Leave();
            return;
        }

        var isException = job.Event.Scope == WebhookScopes.DeliveryException;
        var blocklist = _settings.Current.Blocklist;
        bool ok;
        if (blocklist && _blocklist.IsBlocked(hook.Destination))
        {
            // Blocklisted: not sent; the event waits in the retry queue like any failure.
            ok = false;
            Record(job, hook, duplicate: false, status: 0, error: "blocked", succeeded: false, durationMs: 0, _clock.GetUtcNow());
        }
        else
        {
            ok = await SendAsync(job, hook, duplicate: false, ct);
            if (job.Duplicate && job.Attempt == 1)
            {
                await SendAsync(job, hook, duplicate: true, ct);
            }
        }
        if (ok)
        {
            _stats.Leave();
            return;
        }

        if (job.Attempt <= WebhookSettings.RetryScheduleSeconds.Count)
        {
            if (!isException)
            {
                NoticeWillRetry(hook);
            }
            _stats.RetryScheduled();
            _ = RetryLaterAsync(job with { Attempt = job.Attempt + 1 }, _settings.RetryDelay(job.Attempt + 1), ct);
            return;
        }

        _registry.Deactivate(hook.StoreHash, hook.Id);
        _stats.Deactivated();
        _stats.Leave();
        _logger.LogInformation("Webhook {HookId} of store {StoreHash} deactivated after {Attempts} failed attempts", hook.Id, hook.StoreHash, job.Attempt);
        if (!isException)
        {
            _stats.DeliveryException();
            Publish(WebhookEvent.DeliveryException(hook.StoreHash, hook.Id, 90002,
                $"The hook couldn't be delivered to {hook.Destination}. All attempts are exhausted. The hook is going to be disabled.", _clock.GetUtcNow()));
        }
    }

    private async Task RetryLaterAsync(Job job, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _clock, ct);
            }
            _queue.Writer.TryWrite(job);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void NoticeWillRetry(Webhook hook)
    {
        var now = _clock.GetUtcNow();
        var domain = WebhookDestinations.Domain(hook.Destination);
        lock (_noticeGate)
        {
            if (_lastRetryNotice.TryGetValue(domain, out var last) && now - last < TimeSpan.FromMinutes(10 * _settings.Current.RetryScale))
            {
                return;
            }
            _lastRetryNotice[domain] = now;
        }
        _stats.DeliveryException();
        Publish(WebhookEvent.DeliveryException(hook.StoreHash, hook.Id, 90001,
            $"Non-200 response received when delivering to {hook.Destination}, will retry", now));
    }

    private async Task<bool> SendAsync(Job job, Webhook hook, bool duplicate, CancellationToken ct)
    {
        var at = _clock.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Destination);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(job.Event.Body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content = content;
        foreach (var (name, value) in hook.Headers ?? new Dictionary<string, string>())
        {
            if (!Reserved.Contains(name) && !request.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        request.Headers.TryAddWithoutValidation(WebhookSigner.IdHeader, job.EventId);
        request.Headers.TryAddWithoutValidation(WebhookSigner.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, WebhookSigner.Sign(_clientSecret, job.EventId, timestamp, job.Event.Body));

        var timeoutMs = _settings.Current.TimeoutMs;
        var watch = Stopwatch.StartNew();
        int status = 0;
        string? error = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(timeoutMs);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                error = "timeout";
            }
            catch (HttpRequestException ex)
            {
                error = $"{ex.HttpRequestError}: {ex.Message}";
            }
        }
        var succeeded = status is >= 200 and < 300;
        Record(job, hook, duplicate, status, error, succeeded, watch.Elapsed.TotalMilliseconds, at);
        if (_settings.Current.Blocklist &&
            _blocklist.Record(hook.Destination, succeeded, error ?? (succeeded ? null : $"HTTP {status}")) &&
            job.Event.Scope != WebhookScopes.DeliveryException)
        {
            _stats.DeliveryException();
            Publish(WebhookEvent.DeliveryException(hook.StoreHash, hook.Id, 90003,
                $"The hook couldn't be delivered because {WebhookDestinations.Domain(hook.Destination)} was temporarily blocked due to many unsuccessful attempts to deliver hooks.", _clock.GetUtcNow()));
        }
        return succeeded;
    }

    private void Record(Job job, Webhook hook, bool duplicate, int status, string? error, bool succeeded, double durationMs, DateTimeOffset at)
    {
        _log.Add(new WebhookAttempt(hook.StoreHash, job.EventId, hook.Id, job.Event.Scope, job.Event.OrderId, hook.Destination,
            job.Attempt, duplicate, status, error, succeeded, durationMs, at, job.Event.CreatedAt));
        _stats.Attempt(succeeded, duplicate);
    }
}
