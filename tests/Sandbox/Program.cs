// The sandbox as a process: dotnet run --project tests/Sandbox -- --urls http://127.0.0.1:7101
// (Key Vault on https://127.0.0.1:7102 unless --Sandbox:KeyVault:Url says otherwise)
Sandbox.SandboxApp.Build(args).Run();
