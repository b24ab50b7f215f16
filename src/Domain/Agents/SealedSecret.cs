namespace VapiAgents.Domain.Agents;

/// <summary>
/// A secret as stored: ciphertext (nonce, tag and encrypted bytes) and the id of the key that sealed it.
/// Only Infrastructure can open it; the domain just keeps it and replaces it.
/// </summary>
public sealed record SealedSecret(string KeyId, byte[] Ciphertext)
{
    public override string ToString() => $"SealedSecret {{ KeyId = {KeyId}, {Ciphertext.Length} bytes }}";
}
