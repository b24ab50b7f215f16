using Hangfire;
using Microsoft.AspNetCore.StaticFiles;
using VapiAgents.Application;
using VapiAgents.Infrastructure;
using VapiAgents.Infrastructure.Common;
using VapiAgents.Infrastructure.Identity;
using VapiAgents.Infrastructure.Security;
using VapiAgents.WebApi.Configurations;
using VapiAgents.WebApi.Endpoints;
using VapiAgents.WebApi.Infrastructure;

namespace VapiAgents.WebApi;

/// <summary>Builds the web application: services, then the request pipeline.</summary>
public static class WebApiHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var generatedKeyFile = builder.Configuration.AddDevelopmentEncryptionKeys(builder.Environment);

        // Registered first so the database is migrated before Hangfire and the server start.
        builder.Services.AddHostedService<DatabaseMigrationService>();
        builder.Services.AddApplication(builder.Configuration["AutoMapper:LicenseKey"]);
        builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
        builder.Services.AddWebApi(builder.Configuration);

        var app = builder.Build();
        ValidatedOptions.ThrowIfInvalid(app.Services);
        if (generatedKeyFile is not null)
        {
            app.Logger.LogWarning(
                "No encryption key is configured; using the development key file {KeyFile}. " +
                "Configure Encryption:Keys and Encryption:ActiveKeyId before going to production.", generatedKeyFile);
        }

        if (RetiredAdminEmails(app.Configuration))
        {
            app.Logger.LogWarning(
                "{Key} is set but no longer grants anything: an e-mail is never confirmed, so it proves nothing. " +
                "Grant the Admin role to an existing account with --grant-admin <email> and remove the setting.", AdminOptions.RetiredEmailsKey);
        }

        // First, so every later step (limits, audit, HTTPS, webhook URLs) sees the client behind a configured proxy.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCors(DependencyInjection.CorsPolicy);

        // The dashboard (wwwroot/index.html at "/") is public; its data comes from the API with a bearer token.
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = DashboardHeaders });
        app.UseAuthentication();
        app.UseSecurityStampValidation();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.UseOpenApiDocumentation();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminDashboardAuthorizationFilter()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });
        app.MapEndpointGroups();
        app.MapTelemetry();
        return app;
    }

    private static bool RetiredAdminEmails(IConfiguration configuration)
    {
        var section = configuration.GetSection(AdminOptions.RetiredEmailsKey);
        return !string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value));
    }

    /// <summary>Revalidation, so a new version of the dashboard is picked up at once (its CSP comes from <see cref="SecurityHeaders"/>).</summary>
    private static void DashboardHeaders(StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = "no-cache";
}
