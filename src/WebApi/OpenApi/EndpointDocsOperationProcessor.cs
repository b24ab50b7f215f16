using Microsoft.AspNetCore.Http.Metadata;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace VapiAgents.WebApi.OpenApi;

/// <summary>
/// Copies each endpoint's <c>WithSummary</c>/<c>WithDescription</c> into its operation (NSwag reads neither from
/// minimal APIs), and adds the response examples of <see cref="OpenApiExamples"/>.
/// </summary>
public sealed class EndpointDocsOperationProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is AspNetCoreOperationProcessorContext aspNetCore)
        {
            var metadata = aspNetCore.ApiDescription.ActionDescriptor.EndpointMetadata;
            context.OperationDescription.Operation.Summary ??= metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary;
            context.OperationDescription.Operation.Description ??= metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description;
        }

        var operation = context.OperationDescription.Operation;
        if (operation.OperationId is { } id && OpenApiExamples.Responses.TryGetValue(id, out var example))
        {
            foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('2')))
            {
                if (response.Content.TryGetValue("application/json", out var media))
                {
                    media.Example = example;
                }
            }
        }

        return true;
    }
}
