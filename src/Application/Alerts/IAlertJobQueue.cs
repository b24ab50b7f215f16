namespace VapiAgents.Application.Alerts;

/// <summary>Runs alert evaluations in the background, on whichever instance picks them up.</summary>
public interface IAlertJobQueue
{
    void EnqueueEvaluation(string userId);
}
