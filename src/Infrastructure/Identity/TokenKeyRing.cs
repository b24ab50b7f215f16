using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using VapiAgents.Application.Agents.Commands.RotateEncryptionKeys;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;
using VapiAgents.Infrastructure.Persistence;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>
/// Re-seals the Data Protection keys stored in the database with the active encryption key. A key that no configured
/// encryption key opens (corrupted, or sealed with a key since removed) is skipped and reported, like an agent's
/// secret: one bad row must not stop the rotation of everything else.
/// </summary>
public sealed class TokenKeyRing(ApplicationDbContext db, ISecretProtector protector) : ITokenKeyRing
{
    public async Task<TokenKeyResealResult> ResealAsync(CancellationToken cancellationToken)
    {
        var resealed = 0;
        var skipped = new List<Guid>();
        foreach (var row in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            var document = XElement.Parse(row.Xml!);
            foreach (var sealedElement in document.Descendants("sealedKey").Where(e => (string?)e.Attribute("keyId") != protector.ActiveKeyId).ToList())
            {
                if (Reseal(sealedElement) is { } again)
                {
                    sealedElement.SetAttributeValue("keyId", again.KeyId);
                    sealedElement.Value = Convert.ToBase64String(again.Ciphertext);
                    resealed++;
                }
                else
                {
                    skipped.Add(Guid.TryParse((string?)document.Attribute("id"), out var keyId) ? keyId : Guid.Empty);
                }
            }

            row.Xml = document.ToString(SaveOptions.DisableFormatting);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TokenKeyResealResult(resealed, skipped);
    }

    private SealedSecret? Reseal(XElement sealedElement)
    {
        try
        {
            var sealedKey = new SealedSecret((string)sealedElement.Attribute("keyId")!, Convert.FromBase64String(sealedElement.Value));
            return protector.Seal(protector.Unseal(sealedKey, SecretPurpose.TokenSigningKey, Guid.Empty), SecretPurpose.TokenSigningKey, Guid.Empty);
        }
        catch (Exception exception) when (exception is SecretUnsealException or FormatException)
        {
            return null;
        }
    }
}
