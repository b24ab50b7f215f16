using Microsoft.Extensions.Options;
using NJsonSchema;
using NJsonSchema.Generation.TypeMappers;
using NSwag;
using VapiAgents.Application.Common.Models;
using VapiAgents.Application.Common.Security;
using NSwag.Generation.Processors.Security;
using VapiAgents.WebApi.OpenApi;

namespace VapiAgents.WebApi.Configurations;

public static class OpenApiConfig
{
    public const string DocumentPath = "/swagger/{documentName}/swagger.json";

    public static IServiceCollection AddOpenApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddOpenApiDocument(settings =>
        {
            settings.DocumentName = "v1";
            settings.Title = "VapiAgents API";
            settings.Version = "v1";
            settings.Description =
                "Run many Vapi voice agents per user, each with its own encrypted Vapi API key; sync their call usage " +
                "and cost from Vapi and read per-agent and aggregated metrics. Sign in with POST /api/auth/login, " +
                "then press Authorize and paste the accessToken — or a personal access token (va_pat_…) from POST /api/auth/tokens.";
            settings.AddSecurity("Bearer", [], new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/auth/login, or a personal access token (va_pat_…).",
            });
            settings.OperationProcessors.Add(new AspNetCoreOperationSecurityScopeProcessor("Bearer"));
            settings.OperationProcessors.Add(new EndpointDocsOperationProcessor());
            settings.DocumentProcessors.Add(new ContractDocumentProcessor());

            // Secrets are plain strings on the wire (shown as passwords); PATCH fields are their inner type.
            var mappers = settings.SchemaSettings.TypeMappers;
            mappers.Add(new PrimitiveTypeMapper(typeof(SecretValue), s => { s.Type = JsonObjectType.String; s.Format = "password"; }));
            mappers.Add(new PrimitiveTypeMapper(typeof(Optional<SecretValue?>), s => { s.Type = JsonObjectType.String; s.Format = "password"; }));
            mappers.Add(new PrimitiveTypeMapper(typeof(Optional<string?>), s => { s.Type = JsonObjectType.String; s.IsNullableRaw = true; }));
            mappers.Add(new PrimitiveTypeMapper(typeof(Optional<bool?>), s => s.Type = JsonObjectType.Boolean));
            // Unknown request fields are ignored, not refused.
            settings.SchemaSettings.AlwaysAllowAdditionalObjectProperties = true;
        });
        return services;
    }

    /// <summary>Serves Swagger UI and the document when <c>OpenApi:Enabled</c> says so (by default only in Development).</summary>
    public static WebApplication UseOpenApiDocumentation(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<OpenApiOptions>>().Value;
        if (!(options.Enabled ?? app.Environment.IsDevelopment()))
        {
            return app;
        }

        app.UseOpenApi(settings =>
        {
            settings.Path = DocumentPath;
            // Relative, so the document is the same whichever address served it (and matches the committed openapi.json).
            settings.PostProcess = (document, _) =>
            {
                document.Servers.Clear();
                document.Servers.Add(new OpenApiServer { Url = "/" });
            };
        });
        app.UseSwaggerUi(settings =>
        {
            settings.Path = "/swagger";
            settings.DocumentPath = DocumentPath;
            settings.PersistAuthorization = false;
        });
        return app;
    }
}
