using Microsoft.AspNetCore.Http;

namespace VapiAgents.TestSupport;

/// <summary>One request a <see cref="HookReceiver"/> recorded; <see cref="Headers"/> has lower-case names.</summary>
public sealed record ReceivedHook(DateTime At, string Path, string Body, IReadOnlyDictionary<string, string> Headers, IHeaderDictionary RawHeaders);
