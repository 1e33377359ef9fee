using Azure.Storage.Queues.Models;
using Connector.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Functions;

/// <summary>
/// How a function hands its trigger to the connector: the handler comes from the invocation's
/// scope (as LocalHost resolves it per message, tick or request), and the trigger's data is
/// mapped to the same plain inputs LocalHost builds.
/// </summary>
internal static class HandlerInvocation
{
    /// <summary>The handler's IResult is returned as it is; the ASP.NET Core integration executes it.</summary>
    public static Task<IResult> HandleHttpAsync<THandler>(this FunctionContext context, HttpRequest request)
        where THandler : IHttpRequestHandler =>
        context.InstanceServices.GetRequiredService<THandler>().HandleAsync(request, request.HttpContext.RequestAborted);

    /// <summary>
    /// Runs the handler through <see cref="QueueInvocation"/>, as LocalHost does. A throw fails the invocation: the
    /// message reappears; on the last attempt QueueInvocation sends it to the poison queue with the last error and
    /// completes (if that send fails it rethrows, and the host moves the message to the poison queue as it is).
    /// </summary>
    public static Task HandleQueueAsync<THandler>(this FunctionContext context, QueueMessage message, string queueName)
        where THandler : IQueueMessageHandler =>
        context.InstanceServices.GetRequiredService<QueueInvocation>().RunAsync(
            queueName,
            context.InstanceServices.GetRequiredService<THandler>(),
            new QueueWorkItem(message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn),
            context.CancellationToken);

    public static Task RunTimerAsync<THandler>(this FunctionContext context, TimerInfo timer)
        where THandler : ITimerHandler
    {
        var firedAt = context.InstanceServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return context.InstanceServices.GetRequiredService<THandler>().RunAsync(new TimerTick(firedAt, timer.IsPastDue), context.CancellationToken);
    }
}
