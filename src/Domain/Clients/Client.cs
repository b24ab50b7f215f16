using VapiAgents.Domain.Common;

namespace VapiAgents.Domain.Clients;

/// <summary>
/// One of an agency's customers: a name (unique per user, whatever the case) and free notes. Agents point at
/// their client; deleting a client unassigns its agents and keeps their usage history.
/// </summary>
public sealed class Client : IAggregateRoot
{
    public const int NameMaxLength = 100;
    public const int NotesMaxLength = 2000;

    private Client()
    {
        UserId = "";
        Name = "";
        NormalizedName = "";
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name trimmed and upper-cased: unique per user whatever the database's collation.</summary>
    public string NormalizedName { get; private set; }

    public string? Notes { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static Client Create(Guid id, string userId, string name, string? notes, DateTime now)
    {
        var client = new Client { Id = id, UserId = userId, CreatedAt = now, UpdatedAt = now };
        client.SetName(name);
        client.SetNotes(notes);
        return client;
    }

    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    public void Rename(string name, DateTime now)
    {
        SetName(name);
        UpdatedAt = now;
    }

    public void ChangeNotes(string? notes, DateTime now)
    {
        SetNotes(notes);
        UpdatedAt = now;
    }

    private void SetName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > NameMaxLength)
        {
            throw new DomainRuleException($"A client's name must be 1 to {NameMaxLength} characters.");
        }

        Name = trimmed;
        NormalizedName = NormalizeName(trimmed);
    }

    private void SetNotes(string? notes)
    {
        if (notes is { Length: > NotesMaxLength })
        {
            throw new DomainRuleException($"A client's notes are at most {NotesMaxLength} characters.");
        }

        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes;
    }
}
