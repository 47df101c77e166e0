"""Writes to the policy library: versions from parsed documents, assessments, reviews."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, is_dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.utils import timezone

from upstander.audit.events import (
    AssessmentCreatedEvent,
    FindingReviewedEvent,
    PolicyVersionCreatedEvent,
)
from upstander.audit.services import audit_emit
from upstander.core.documents.model import ParsedDocument
from upstander.policies.models import Assessment, Finding, Policy, PolicySection, PolicyVersion
from upstander.records.models import Agency

__all__ = [
    "PolicyImportError",
    "assessment_create",
    "finding_review",
    "policy_get_or_create",
    "policy_version_create",
    "policy_version_import",
    "policy_version_read_stored",
    "policy_version_store_document",
    "policy_version_upload",
]

ENGINE_VERSION = "1"
logger = logging.getLogger(__name__)


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@transaction.atomic
def policy_get_or_create(*, agency: Agency, number: str, title: str, actor: Any = None) -> Policy:
    """The agency's policy with this number, created if new."""
    policy, _ = Policy.objects.get_or_create(
        agency=agency, number=number, defaults={"title": title[:300]}
    )
    return policy


def _close_previous_versions(policy: Policy) -> None:
    """Set each version's end date to the day before the next version takes effect."""
    versions = list(policy.versions.exclude(effective_from=None).order_by("effective_from", "id"))
    for current, following in pairwise(versions):
        assert following.effective_from is not None  # excluded by the query above
        end = following.effective_from - timedelta(days=1)
        if current.effective_to != end:
            current.effective_to = end
            current.save(update_fields=["effective_to"])
    if versions and versions[-1].effective_to is not None:
        versions[-1].effective_to = None
        versions[-1].save(update_fields=["effective_to"])


def policy_version_store_document(
    *, version: PolicyVersion, document: ParsedDocument
) -> PolicyVersion:
    """Replace a version's sections and metadata with a parsed document's (one transaction)."""
    with transaction.atomic():
        version.sections.all().delete()
        PolicySection.objects.bulk_create(
            [
                PolicySection(
                    version=version,
                    position=position,
                    section_id=section.id[:80],
                    heading=section.heading[:500],
                    text=section.text,
                    page=section.page,
                    level=section.level,
                )
                for position, section in enumerate(document.sections)
            ],
            batch_size=500,
        )
        meta = document.metadata
        version.format = document.format
        version.pages = document.pages
        version.metadata = meta.to_json()
        version.issued_on = version.issued_on or _iso_date(meta.issued)
        version.effective_from = version.effective_from or _iso_date(meta.effective)
        version.status = PolicyVersion.Status.READY
        version.progress = 100
        version.error_code = ""
        version.error_message = ""
        version.save()
        _close_previous_versions(version.policy)
    return version


@transaction.atomic
def policy_version_create(
    *,
    policy: Policy,
    label: str,
    document: ParsedDocument,
    actor: Any = None,
    source_name: str = "",
    source_bytes: bytes | None = None,
    published: bool = True,
) -> PolicyVersion:
    """Store a parsed document as a new version of a policy, with its sections."""
    version = PolicyVersion.objects.create(
        policy=policy,
        label=label[:80],
        published=published,
        source_name=source_name[:255],
        source_sha256=hashlib.sha256(source_bytes).hexdigest() if source_bytes else "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    policy_version_store_document(version=version, document=document)
    audit_emit(
        PolicyVersionCreatedEvent(
            policy=str(policy), version=version.label, sections=len(document.sections)
        ),
        actor=actor,
        target=version,
    )
    return version


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if hasattr(value, "to_json"):
        return value.to_json()
    return value


def document_from_version(version: PolicyVersion) -> ParsedDocument:
    """Rebuild the parsed document of a stored version from its sections."""
    from upstander.core.documents.model import DocumentMetadata, Section

    meta = version.metadata or {}
    return ParsedDocument(
        path=version.source_name or str(version),
        format=version.format or "text",
        pages=version.pages,
        metadata=DocumentMetadata(
            title=meta.get("title"),
            number=meta.get("number"),
            issued=meta.get("issued"),
            effective=meta.get("effective"),
            revised=meta.get("revised"),
            rescinds=list(meta.get("rescinds") or []),
        ),
        sections=[
            Section(id=s.section_id, heading=s.heading, text=s.text, page=s.page, level=s.level)
            for s in version.sections.order_by("position")
        ],
    )


@transaction.atomic
def assessment_create(
    *, version: PolicyVersion, standards: list[str] | None = None, actor: Any = None
) -> Assessment:
    """Assess a stored version against reform standards and keep the findings."""
    from upstander.core.standards.engine import assess

    findings = assess(document_from_version(version), standards)
    assessment = Assessment.objects.create(
        version=version,
        standards=sorted(standards) if standards else [],
        engine_version=ENGINE_VERSION,
    )
    rows = []
    for finding in findings:
        data = _plain(finding)
        rows.append(
            Finding(
                assessment=assessment,
                provision=data["provision"],
                status=data["status"],
                confidence=float(data["confidence"]),
                reason=str(data["reason"])[:500],
                evidence=[_plain(item) for item in data.get("evidence", [])],
            )
        )
    Finding.objects.bulk_create(rows)
    audit_emit(
        AssessmentCreatedEvent(
            policy=str(version.policy),
            version=version.label,
            met=sum(1 for row in rows if row.status == Finding.Status.MET),
            findings=len(rows),
        ),
        actor=actor,
        target=assessment,
    )
    return assessment


@transaction.atomic
def finding_review(
    *, finding: Finding, actor: Any, decision: str, reason: str, status: str | None = None
) -> Finding:
    """Confirm a finding or override its status; the reason is required and audited."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A review needs a reason a reader can check.")
    if decision not in {Finding.Review.CONFIRMED, Finding.Review.OVERRIDDEN}:
        raise ValueError("The decision must be 'confirmed' or 'overridden'.")
    if decision == Finding.Review.OVERRIDDEN and status not in Finding.Status.values:
        raise ValueError("An override needs the status it sets: met, not_met or not_addressed.")
    before = {"status": finding.final_status, "review": finding.review}
    finding.review = decision
    finding.reviewed_status = (status or "") if decision == Finding.Review.OVERRIDDEN else ""
    finding.review_reason = reason[:500]
    finding.reviewed_by = actor
    finding.reviewed_at = timezone.now()
    finding.save()
    audit_emit(
        FindingReviewedEvent(provision=finding.provision, decision=decision, reason=reason[:500]),
        actor=actor,
        target=finding,
        before=before,
        after={"status": finding.final_status, "review": finding.review},
    )
    return finding


class PolicyImportError(Exception):
    """A document could not be read; ``code`` and ``message`` come from the reader."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _parse_bytes(content: bytes, name: str) -> ParsedDocument:
    """Parse uploaded bytes with the core reader, via a temporary file that keeps the suffix."""
    import tempfile
    from pathlib import Path

    from django.conf import settings

    from upstander.core.documents.errors import DocumentError
    from upstander.core.documents.reader import parse_document

    suffix = Path(name).suffix.lower()[:10]
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(content)
        handle.flush()
        try:
            document = parse_document(handle.name, max_bytes=settings.UPSTANDER_MAX_DOCUMENT_BYTES)
        except DocumentError as exc:
            raise PolicyImportError(exc.code, exc.message) from exc
    document.path = name
    return document


def policy_version_import(
    *,
    agency: Agency,
    number: str,
    label: str,
    content: bytes,
    source_name: str,
    title: str | None = None,
    actor: Any = None,
    published: bool = True,
    assess: bool = True,
) -> PolicyVersion:
    """Read a document and store it as a version, with an assessment; all or nothing."""
    document = _parse_bytes(content, source_name)
    with transaction.atomic():
        policy = policy_get_or_create(
            agency=agency,
            number=number,
            title=title or document.metadata.title or number,
            actor=actor,
        )
        if PolicyVersion.objects.filter(policy=policy, label=label).exists():
            raise PolicyImportError(
                "version_exists", f"{policy} already has a version labelled {label!r}."
            )
        version = policy_version_create(
            policy=policy,
            label=label,
            document=document,
            actor=actor,
            source_name=source_name,
            source_bytes=content,
            published=published,
        )
        if assess:
            assessment_create(version=version, actor=actor)
    return version


def policy_version_upload(
    *,
    policy: Policy,
    label: str,
    upload: Any,
    actor: Any,
    published: bool = True,
) -> PolicyVersion:
    """Keep an uploaded file as a pending version and queue it to be read in the background."""
    from django.conf import settings

    from upstander.policies.tasks import policy_version_read

    if upload.size > settings.UPSTANDER_MAX_DOCUMENT_BYTES:
        raise PolicyImportError(
            "too_large",
            f"The file is {upload.size:,} bytes; the limit is "
            f"{settings.UPSTANDER_MAX_DOCUMENT_BYTES:,} bytes.",
        )
    if PolicyVersion.objects.filter(policy=policy, label=label).exists():
        raise PolicyImportError("version_exists", f"{policy} already has a version {label!r}.")
    with transaction.atomic():
        version = PolicyVersion.objects.create(
            policy=policy,
            label=label[:80],
            published=published,
            source_name=str(upload.name)[:255],
            source_file=upload,
            created_by=actor,
        )
        version_id = version.pk
        transaction.on_commit(lambda: policy_version_read.enqueue(version_id))
    return version


def _mark_failed(version: PolicyVersion, code: str, message: str) -> PolicyVersion:
    PolicyVersion.objects.filter(pk=version.pk).update(
        status=PolicyVersion.Status.FAILED,
        progress=100,
        error_code=code,
        error_message=message[:500],
    )
    version.refresh_from_db()
    return version


def policy_version_read_stored(*, version_id: int) -> PolicyVersion:
    """Read a pending version's stored file into sections and assess it (the background job)."""
    version = PolicyVersion.objects.select_related("policy").get(pk=version_id)
    PolicyVersion.objects.filter(pk=version_id).update(
        status=PolicyVersion.Status.PARSING, progress=10
    )
    try:
        with version.source_file.open("rb") as handle:
            content = handle.read()
        document = _parse_bytes(content, version.source_name)
    except PolicyImportError as exc:
        return _mark_failed(version, exc.code, exc.message)
    except Exception:
        # A reader bug must not leave the upload "being read" forever; the log has the details.
        logger.exception("Reading policy version %s failed", version_id)
        return _mark_failed(version, "internal_error", "The document could not be read.")
    PolicyVersion.objects.filter(pk=version_id).update(progress=60)
    with transaction.atomic():
        version.refresh_from_db()
        version.source_sha256 = hashlib.sha256(content).hexdigest()
        policy_version_store_document(version=version, document=document)
        audit_emit(
            PolicyVersionCreatedEvent(
                policy=str(version.policy), version=version.label, sections=len(document.sections)
            ),
            actor=version.created_by,
            target=version,
        )
        assessment_create(version=version, actor=version.created_by)
    version.refresh_from_db()
    return version
