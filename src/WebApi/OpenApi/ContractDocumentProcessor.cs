using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace VapiAgents.WebApi.OpenApi;

/// <summary>
/// Makes the document pass Redocly's <c>recommended</c> rules: licence and contact, and nullable schemas that
/// OpenAPI 3.0 can express (a nullable reference becomes <c>type</c> + <c>nullable</c> + a one-item <c>allOf</c>;
/// a type-less nullable "anything" loses the redundant flag).
/// </summary>
public sealed class ContractDocumentProcessor : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context)
    {
        var document = context.Document;
        document.Info.License = new OpenApiLicense { Name = "MIT", Url = "https://opensource.org/licenses/MIT" };
        document.Info.Contact = new OpenApiContact { Name = "VapiAgents maintainers", Url = "https://github.com/vapiagents/vapiagents" };

        var seen = new HashSet<JsonSchema>();
        foreach (var schema in document.Components.Schemas.Values)
        {
            Fix(schema, seen);
        }
    }

    private static void Fix(JsonSchema schema, HashSet<JsonSchema> seen)
    {
        if (!seen.Add(schema))
        {
            return;
        }

        if (schema.IsNullableRaw == true && schema.Type == JsonObjectType.None && schema.Reference is null)
        {
            var single = schema.OneOf.Count == 1 ? schema.OneOf.First() : schema.AllOf.Count == 1 && schema.Properties.Count == 0 ? schema.AllOf.First() : null;
            if (single?.Reference is { } target)
            {
                schema.OneOf.Clear();
                schema.AllOf.Clear();
                schema.AllOf.Add(new JsonSchema { Reference = target });
                schema.Type = target.Type == JsonObjectType.None ? JsonObjectType.Object : target.Type;
            }
            else if (schema.OneOf.Count == 0 && schema.AllOf.Count == 0 && schema.AnyOf.Count == 0)
            {
                schema.IsNullableRaw = null;
            }
        }

        foreach (var child in schema.Properties.Values.Cast<JsonSchema>()
                     .Concat(schema.AllOf).Concat(schema.OneOf).Concat(schema.AnyOf)
                     .Append(schema.AdditionalPropertiesSchema).Append(schema.Item))
        {
            if (child is not null && child.Reference is null)
            {
                Fix(child, seen);
            }
        }
    }
}
