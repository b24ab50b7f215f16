namespace VapiAgents.Application.Common.Vapi;

public enum CallTimeField
{
    CreatedAt,
    UpdatedAt,
}
