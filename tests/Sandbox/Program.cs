// The sandbox as a process: dotnet run --project tests/Sandbox -- --urls http://127.0.0.1:7101
Sandbox.SandboxApp.Build(args).Run();
