using Connector.Installations;

namespace Connector.MerchantPage;

/// <summary>The operator console: the sign-in form (no session yet), or the stores with the console session to open them.</summary>
public sealed record ConsoleModel(string? Session, IReadOnlyList<InstallationRecord> Stores, string? Error);
