using System.Reflection;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Connector.Functions.Tests.Infrastructure;

/// <summary>
/// Invokes a function the way the worker does: the method its metadata's entry point names, on an instance made by
/// the activator from the invocation's scope, with the trigger's data bound to the parameter the trigger binding
/// names and a <see cref="FunctionContext"/> whose services are that scope.
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(FunctionMetadata function, IServiceProvider scope, object trigger, CancellationToken cancellationToken)
    {
        var method = BuiltFunctionsApp.EntryPoint(function);
        var triggerName = function.Trigger["name"]!.GetValue<string>();
        var arguments = method.GetParameters().Select(p => Bind(function, p, triggerName, trigger, scope, cancellationToken)).ToArray();
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope, method.DeclaringType!);

        object? returned;
        try
        {
            returned = method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }

        if (returned is not Task task)
        {
            throw new InvalidOperationException($"{function.Name} does not return a Task.");
        }

        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    public static FunctionContext Context(FunctionMetadata function, IServiceProvider scope, CancellationToken cancellationToken)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InstanceServices).Returns(scope);
        context.SetupGet(c => c.CancellationToken).Returns(cancellationToken);
        context.SetupGet(c => c.InvocationId).Returns(Guid.NewGuid().ToString());
        context.SetupGet(c => c.FunctionId).Returns(function.Name);
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object>());
        return context.Object;
    }

    private static object Bind(
        FunctionMetadata function, ParameterInfo parameter, string triggerName, object trigger, IServiceProvider scope, CancellationToken cancellationToken)
    {
        if (parameter.ParameterType == typeof(FunctionContext))
        {
            return Context(function, scope, cancellationToken);
        }

        if (parameter.Name != triggerName)
        {
            throw new InvalidOperationException($"{function.Name}: parameter {parameter.Name} is bound by no binding (the trigger binds '{triggerName}').");
        }

        // The types the worker's converters give for each trigger: a wrong declared type fails here as it would there.
        var expected = function.TriggerType switch
        {
            "httpTrigger" => typeof(HttpRequest),
            "queueTrigger" => typeof(QueueMessage),
            "timerTrigger" => typeof(TimerInfo),
            var other => throw new InvalidOperationException($"{function.Name}: no binding for trigger type {other}."),
        };
        if (parameter.ParameterType != expected || !expected.IsInstanceOfType(trigger))
        {
            throw new InvalidOperationException($"{function.Name}: parameter {parameter.Name} is {parameter.ParameterType.Name}; a {function.TriggerType} here gives {expected.Name}.");
        }

        return trigger;
    }
}
