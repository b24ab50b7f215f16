using Microsoft.Extensions.Logging;
using HangfireLog = Hangfire.Logging;

namespace VapiAgents.Infrastructure.BackgroundJobs;

/// <summary>
/// Hangfire's log provider is process-wide. The default one holds the logger factory of whichever host set it
/// last, and throws once that host is disposed — a 500 for every other host in the process that then enqueues
/// a job (test runs host many). This one forwards to the host's factory and goes quiet when it is gone.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : HangfireLog.ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILogger logger;
            try
            {
                logger = _logger ??= factory.CreateLogger(name);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            var level = logLevel switch
            {
                HangfireLog.LogLevel.Trace => LogLevel.Trace,
                HangfireLog.LogLevel.Debug => LogLevel.Debug,
                HangfireLog.LogLevel.Info => LogLevel.Information,
                HangfireLog.LogLevel.Warn => LogLevel.Warning,
                HangfireLog.LogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };

            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            logger.Log(level, exception, "{Message}", messageFunc());
            return true;
        }
    }
}
