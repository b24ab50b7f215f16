using VapiAgents.Infrastructure.Common;
using VapiAgents.WebApi;

WebApplication app;
try
{
    app = WebApiHost.Build(args);
}
catch (StartupConfigurationException exception)
{
    await Console.Error.WriteLineAsync($"VapiAgents cannot start: {exception.Message}");
    return 1;
}

// `dotnet VapiAgents.WebApi.dll <command>` runs an operator command instead of the server.
if (args.Length > 0 && CommandLine.IsCommand(args[0]))
{
    return await CommandLine.RunAsync(app, args);
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public so functional tests can host it.</summary>
public partial class Program;
