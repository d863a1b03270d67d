"""People's rights on /mijn/: what Kompas holds about me, its download, withdrawing a
consent, and removing my account, after which what I wrote stays without my name."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from auditlog.models import LogEntry
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from connections import services as connections_services
from conversations import services as conversations_services
from conversations.models import Conversation
from initiatives import services
from initiatives.models import Initiative, Invitation, JoinRequest, Membership
from jewels import services as jewels_services
from jewels.models import Appreciation, CrownJewel, SignedAs
from kompas.choices import GiftConsent, InitiativeStatus, Role, Visibility
from moderation.models import Report
from obstacles import services as obstacles_services
from obstacles.models import Obstacle
from privacy import my_data
from privacy import services as privacy_services
from stories import services as stories_services
from stories.models import Story
from tests.factories import (
    CrownJewelFactory,
    DepartmentFactory,
    InitiativeFactory,
    KernFactory,
    MembershipFactory,
    StaffNoteFactory,
    UserFactory,
    jewel_category,
    obstacle_category,
)

pytestmark = pytest.mark.django_db

EMAIL = "sanne@example.org"
NAME = "Sanne Hofstra"
MINE = reverse("mine")
DOWNLOAD = reverse("personal_data_download")
DELETE = reverse("account_delete")


def a_resident():
    return UserFactory(email=EMAIL, name=NAME)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def member_of(user, **initiative):
    initiative = InitiativeFactory(**initiative)
    MembershipFactory(initiative=initiative, user=user)
    return initiative


def a_gift_about(email: str, consent=GiftConsent.GIVEN, **fields):
    return CrownJewelFactory(
        category=jewel_category("gave-van-mensen"),
        person_email=email,
        consent=consent,
        **fields,
    )


def write_story(initiative, author, title="Soep op zondag", text="We koken samen."):
    return stories_services.write_story(
        initiative,
        author,
        stories_services.StoryData(title=title, text=text, date=timezone.localdate()),
    )


def download(client) -> tuple[dict, str]:
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["gegevens.html", "gegevens.json"]
        data = json.loads(archive.read("gegevens.json").decode("utf-8"))
        html = archive.read("gegevens.html").decode("utf-8")
    return data, html


# --- /mijn/ -----------------------------------------------------------------------------


def test_my_data_page_shows_account_memberships_counts_and_each_consent(in_english, client):
    sanne = a_resident()
    soup = member_of(sanne, name="Soepgroep", contact_consent=True)
    write_story(soup, sanne)
    gift = a_gift_about(EMAIL, name="De soep van Sanne")
    client.force_login(sanne)

    page = client.get(MINE).content.decode()

    assert EMAIL in page and NAME in page
    assert "Soepgroep" in page
    for kind in ("kaart", "contact"):
        assert reverse("consent_withdraw", kwargs={"kind": kind, "pk": soup.pk}) in page
    assert reverse("consent_withdraw", kwargs={"kind": "gave", "pk": gift.pk}) in page
    assert reverse("email_consent_withdraw") in page
    assert DOWNLOAD in page and DELETE in page
    assert reverse("mine") in client.get(reverse("home")).content.decode()


def test_my_data_page_keeps_a_constant_number_of_queries(client, django_assert_max_num_queries):
    sanne = a_resident()
    client.force_login(sanne)
    for number in range(6):
        initiative = member_of(sanne, name=f"Groep {number}", contact_consent=True)
        write_story(initiative, sanne, title=f"Verhaal {number}")
        a_gift_about(EMAIL, name=f"Gave {number}")

    with django_assert_max_num_queries(19):
        assert client.get(MINE).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (MINE, DOWNLOAD, DELETE):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


# --- The download -----------------------------------------------------------------------


def test_the_download_holds_every_kind_of_my_data(client):
    sanne = a_resident()
    kern = KernFactory(name="Lindeveld")
    soup = member_of(sanne, name="Soepgroep", kern=kern, contact="06 123", contact_consent=True)
    garden = InitiativeFactory(name="Moestuin")
    staff_run = InitiativeFactory(name="Buurthuis", status=InitiativeStatus.KNOWN)
    write_story(soup, sanne, title="Soep op zondag")
    obstacles_services.report_obstacle(
        soup,
        sanne,
        obstacles_services.ObstacleData(
            what_happened="Geen budget voor pannen.",
            category=obstacle_category(),
            happened_on=timezone.localdate(),
        ),
    )
    jewel = CrownJewelFactory(name="De Lindeboom")
    jewels_services.appreciate_jewel(
        jewel, sanne, "Hier speelden wij.", signed_as=SignedAs.NAME, author_kern=kern
    )
    jewels_services.nominate_jewel(
        sanne,
        jewels_services.JewelData(
            name="Het dorpsfeest", category=jewel_category("traditie"), why="Samen"
        ),
    )
    connections_services.propose_connection(
        sanne, soup, garden, connections_services.ConnectionData(reasons=("learn",))
    )
    JoinRequest.objects.create(initiative=staff_run, user=sanne, message="Ik help mee.")
    Invitation.objects.create(initiative=garden, email=EMAIL)
    jewels_services.report(jewel, reporter_key=f"user:{sanne.pk}", user=sanne, reason="Klopt niet.")
    a_gift_about(EMAIL, name="De soep van Sanne")
    client.force_login(sanne)

    data, html = download(client)

    assert data["account"]["email"] == EMAIL and data["account"]["name"] == NAME
    assert [m["initiative"] for m in data["memberships"]] == ["Soepgroep"]
    assert data["initiatives"][0]["contact"] == "06 123"
    assert data["stories"][0]["title"] == "Soep op zondag"
    assert data["obstacles"][0]["what_happened"] == "Geen budget voor pannen."
    assert data["appreciations"][0]["text"] == "Hier speelden wij."
    assert data["crown_jewels"][0]["name"] == "Het dorpsfeest"
    assert data["connections"][0]["partner"] == "Moestuin"
    assert data["join_requests"][0]["message"] == "Ik help mee."
    assert data["invitations"][0]["initiative"] == "Moestuin"
    assert data["reports"][0]["reason"] == "Klopt niet."
    assert {c["about"] for c in data["consents"]} >= {"Soepgroep", "De soep van Sanne"}
    assert len(data["consents"]) == 4  # public map, contact details, the gift, emails
    # History: the story, the obstacle, the appreciation, the nomination, the connection.
    assert len(data["history"]) >= 5
    # Dates are ISO 8601 strings that parse back.
    assert timezone.datetime.fromisoformat(data["stories"][0]["date"])
    assert timezone.datetime.fromisoformat(data["history"][0]["history_date"])
    assert "Soep op zondag" in html and "Hier speelden wij." in html
    assert "<link" not in html and "<script" not in html and "src=" not in html


def test_staff_find_their_conversations_and_notes_in_the_download(client):
    staff = UserFactory(email="ambtenaar@example.org", staff=True)
    soup = InitiativeFactory(name="Soepgroep")
    conversations_services.log_conversation(
        staff,
        conversations_services.ConversationData(learned="Ze koken elke week.", initiatives=[soup]),
    )
    services.add_staff_note(soup, staff, "Mooie groep.", Visibility.INTERNAL)
    client.force_login(staff)

    data, _ = download(client)

    assert data["conversations"][0]["learned"] == "Ze koken elke week."
    assert data["conversations"][0]["initiatives"] == ["Soepgroep"]
    assert data["staff_notes"][0]["text"] == "Mooie groep."


def test_the_readable_page_escapes_what_people_wrote(client):
    sanne = a_resident()
    soup = member_of(sanne, name="Soepgroep")
    write_story(soup, sanne, title="<script>alert('soep')</script>", text="<b>vet</b> & zo")
    client.force_login(sanne)

    data, html = download(client)

    assert data["stories"][0]["title"] == "<script>alert('soep')</script>"
    assert "<script>alert" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;vet&lt;/b&gt; &amp; zo" in html


@pytest.mark.parametrize("consent", [GiftConsent.ASKED, GiftConsent.GIVEN, GiftConsent.REFUSED])
def test_the_download_holds_the_crown_jewels_about_me_whatever_my_answer(client, consent):
    sanne = a_resident()
    a_gift_about(EMAIL, consent=consent, name="De soep van Sanne")
    # A gift moved to another category before Sanne answered: still about her.
    moved = a_gift_about(EMAIL, consent=GiftConsent.ASKED, name="Sanne's moestuin")
    moved.category = jewel_category("plek")
    moved.save()
    a_gift_about("annie@example.org", name="De soep van Annie")
    client.force_login(sanne)

    data, _html = download(client)

    assert sorted(g["name"] for g in data["gifts"]) == ["De soep van Sanne", "Sanne's moestuin"]


def test_the_download_holds_nothing_of_other_peoples_private_data(client):
    sanne = a_resident()
    soup = member_of(sanne, name="Soepgroep")
    co_member = UserFactory(email="kees@example.org", name="Kees Bakker")
    MembershipFactory(initiative=soup, user=co_member)
    write_story(soup, co_member, title="KANARIE-verhaal-van-kees")
    StaffNoteFactory(initiative=soup, text="KANARIE-interne-notitie", visibility="internal")
    StaffNoteFactory(initiative=soup, text="KANARIE-gedeelde-notitie", visibility="shared")
    jewels_services.nominate_jewel(
        sanne,
        jewels_services.JewelData(
            name="De soep van Annie",
            category=jewel_category("gave-van-mensen"),
            why="Ze kookt voor iedereen.",
            person_email="annie@example.org",
        ),
    )
    client.force_login(sanne)

    response = client.get(DOWNLOAD)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist()).decode()

    assert "De soep van Annie" in everything  # her own nomination
    for private in ("KANARIE", "kees@example.org", "Kees Bakker", "annie@example.org"):
        assert private not in everything


def test_each_person_downloads_only_their_own_data(client_as):
    sanne = a_resident()
    write_story(member_of(sanne, name="Soepgroep"), sanne, title="Alleen van Sanne")
    for role in ("resident", "staff", "council"):
        client = client_as(role)
        data, html = download(client)
        assert data["account"]["email"] == f"{role}@example.org"
        assert "Alleen van Sanne" not in json.dumps(data) + html
        assert EMAIL not in json.dumps(data) + html


# --- Consents ---------------------------------------------------------------------------


def withdraw(client, kind, pk=None):
    url = (
        reverse("consent_withdraw", kwargs={"kind": kind, "pk": pk})
        if pk
        else reverse("email_consent_withdraw")
    )
    return client.post(url)


def test_withdrawing_the_public_map_takes_the_initiative_off_it(client):
    sanne = a_resident()
    soup = member_of(sanne, name="Soepgroep", status=InitiativeStatus.PUBLIC)
    client.force_login(sanne)

    response = withdraw(client, "kaart", soup.pk)

    assert response.status_code == 302 and response["Location"] == MINE
    soup.refresh_from_db()
    assert soup.status == InitiativeStatus.KNOWN
    assert soup.history.latest().history_user == sanne
    assert not Initiative.objects.visible_to(UserFactory()).filter(pk=soup.pk).exists()


def test_withdrawing_contact_consent_hides_the_contact_details(client):
    sanne = a_resident()
    soup = member_of(sanne, name="Soepgroep", contact="06 123", contact_consent=True)
    client.force_login(sanne)

    withdraw(client, "contact", soup.pk)

    soup.refresh_from_db()
    assert soup.contact_consent is False
    assert soup.history.latest().history_user == sanne
    assert "06 123" not in Client().get(soup.get_absolute_url()).content.decode()


def test_withdrawing_the_gift_consent_hides_the_jewel(client):
    sanne = a_resident()
    gift = a_gift_about(EMAIL, name="De soep van Sanne")
    client.force_login(sanne)

    withdraw(client, "gave", gift.pk)

    gift.refresh_from_db()
    assert gift.consent == GiftConsent.WITHDRAWN
    assert Client().get(gift.get_absolute_url()).status_code == 404


def test_withdrawing_the_emails_switches_them_off(client):
    sanne = a_resident()
    client.force_login(sanne)

    withdraw(client, "meldingen")

    sanne.refresh_from_db()
    assert sanne.notify_by_email is False
    assert reverse("email_consent_withdraw") not in client.get(MINE).content.decode()


def test_nobody_withdraws_the_consents_of_another(client):
    sanne = a_resident()
    soup = InitiativeFactory(name="Soepgroep", contact_consent=True)
    MembershipFactory(initiative=soup)
    gift = a_gift_about("annie@example.org", name="De soep van Annie")
    client.force_login(sanne)

    assert withdraw(client, "kaart", soup.pk).status_code == 403
    assert withdraw(client, "contact", soup.pk).status_code == 403
    assert withdraw(client, "gave", gift.pk).status_code == 403
    assert withdraw(client, "iets-anders", soup.pk).status_code == 404

    soup.refresh_from_db()
    gift.refresh_from_db()
    assert soup.status == InitiativeStatus.PUBLIC and soup.contact_consent
    assert gift.consent == GiftConsent.GIVEN


# --- Removing an account ----------------------------------------------------------------


def test_removing_needs_the_confirmation(in_english, client):
    sanne = a_resident()
    client.force_login(sanne)

    response = client.post(DELETE, {})

    assert response.status_code == 200
    assert "Tick the box to confirm" in response.content.decode()
    assert User.objects.filter(pk=sanne.pk).exists()


def test_removing_an_account_ends_it_everywhere_and_keeps_what_was_written(in_english, client):
    kern = KernFactory(name="Lindeveld")
    sanne = a_resident()
    EmailAddress.objects.create(user=sanne, email=EMAIL, primary=True, verified=True)
    soup = member_of(sanne, name="Soepgroep", kern=kern, published_at=timezone.now())
    story = write_story(soup, sanne, title="Soep op zondag")
    jewel = CrownJewelFactory(name="De Lindeboom")
    appreciation = jewels_services.appreciate_jewel(
        jewel, sanne, "Hier speelden wij.", signed_as=SignedAs.NAME, author_kern=kern
    )
    obstacle = obstacles_services.report_obstacle(
        soup,
        sanne,
        obstacles_services.ObstacleData(
            what_happened="Geen budget voor pannen.",
            category=obstacle_category(),
            happened_on=timezone.localdate(),
            visibility=Visibility.PUBLIC,
        ),
    )
    connection = connections_services.propose_connection(
        sanne,
        soup,
        InitiativeFactory(name="Moestuin"),
        connections_services.ConnectionData(reasons=("meet",)),
    )
    elsewhere = signed_in(sanne)  # the same person on another device
    assert elsewhere.get(MINE).status_code == 200
    client.force_login(sanne)
    assert client.get(jewel.get_absolute_url()).content.decode().count(NAME) >= 1

    response = client.post(DELETE, {"confirm": "on"})

    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "Your account is removed" in client.get(reverse("home")).content.decode()
    assert not User.objects.filter(email=EMAIL).exists()
    assert not EmailAddress.objects.filter(email__iexact=EMAIL).exists()
    assert not Membership.objects.filter(initiative=soup).exists()
    assert not any(
        str(session.get_decoded().get("_auth_user_id")) == str(sanne.pk)
        for session in Session.objects.all()
    )
    assert elsewhere.get(MINE).status_code == 302  # signed out there too
    assert client.get(MINE).status_code == 302
    # What was written stays, naming nobody.
    assert Story.objects.get(pk=story.pk).author is None
    assert Obstacle.objects.get(pk=obstacle.pk).reported_by is None
    appreciation = Appreciation.objects.get(pk=appreciation.pk)
    assert appreciation.author is None and appreciation.signed_as == SignedAs.KERN
    visitor = Client()
    visitor.cookies["django_language"] = "en"
    history = reverse("initiative_history", kwargs={"slug": soup.slug})
    for url in (soup.get_absolute_url(), story.get_absolute_url(), obstacle.get_absolute_url()):
        response = visitor.get(url)
        assert response.status_code == 200
        assert NAME not in response.content.decode() and EMAIL not in response.content.decode()
    assert NAME not in signed_in(UserFactory(staff=True)).get(history).content.decode()
    assert "Soep op zondag" in visitor.get(soup.get_absolute_url()).content.decode()
    colleague = signed_in(UserFactory(staff=True))
    for url in (connection.get_absolute_url(), soup.get_absolute_url(), reverse("obstacle_list")):
        response = colleague.get(url)
        assert response.status_code == 200
        assert NAME not in response.content.decode()
    jewel_page = visitor.get(jewel.get_absolute_url()).content.decode()
    assert "Hier speelden wij." in jewel_page
    assert "a resident of Lindeveld" in jewel_page and NAME not in jewel_page


def test_a_departing_staff_member_leaves_only_the_department_on_conversations(in_english):
    department = DepartmentFactory(name="Sociaal team")
    leaving = UserFactory(email="vertrekt@example.org", name="Vera Vertrek", staff=True)
    leaving.department = department
    leaving.save()
    soup = InitiativeFactory(name="Soepgroep")
    conversation = conversations_services.log_conversation(
        leaving,
        conversations_services.ConversationData(learned="Ze koken elke week.", initiatives=[soup]),
    )
    note = services.add_staff_note(soup, leaving, "Mooie groep.", Visibility.SHARED)

    privacy_services.delete_account(leaving)

    conversation = Conversation.objects.get(pk=conversation.pk)
    assert conversation.author is None and conversation.department == department
    colleague = signed_in(UserFactory(staff=True))
    colleague.cookies["django_language"] = "en"
    for url in (conversation.get_absolute_url(), soup.get_absolute_url()):
        page = colleague.get(url).content.decode()
        assert "Vera Vertrek" not in page and "Sociaal team" in page
    note.refresh_from_db()
    assert note.author is None and note.text == "Mooie groep."


def test_history_no_longer_names_the_person(client):
    sanne = a_resident()
    kern = KernFactory(name="Lindeveld")
    soup = member_of(sanne, name="Soepgroep", contact=f"Sanne, {EMAIL}", contact_consent=True)
    services.set_status(soup, sanne, InitiativeStatus.KNOWN)
    write_story(soup, sanne)
    jewels_services.appreciate_jewel(
        CrownJewelFactory(), sanne, "Mooi.", signed_as=SignedAs.NAME, author_kern=kern
    )
    jewels_services.nominate_jewel(
        sanne,
        jewels_services.JewelData(
            name="Het dorpsfeest", category=jewel_category("traditie"), why="Ja"
        ),
    )
    gift = jewels_services.nominate_jewel(
        UserFactory(),
        jewels_services.JewelData(
            name="De soep van Sanne",
            category=jewel_category("gave-van-mensen"),
            why="Ze kookt.",
            person_email=EMAIL,
        ),
    )
    jewels_services.answer_gift_consent(gift, agree=True)
    pending = Invitation.objects.create(initiative=InitiativeFactory(), email=EMAIL)
    jewels_services.report(gift, reporter_key=f"user:{sanne.pk}", user=sanne)
    user_id = sanne.pk

    privacy_services.delete_account(sanne)

    for model in my_data.historical_models():
        user_fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is User
        ]
        for field in user_fields:
            assert not model.objects.filter(**{field: user_id}).exists(), (model, field)
        for row in model.objects.values():
            assert EMAIL not in json.dumps(row, default=str).lower(), model
    assert Initiative.history.filter(history_user=None, id=soup.pk).exists()
    gift.refresh_from_db()
    assert gift.person_email == "" and gift.consent == GiftConsent.WITHDRAWN
    pending.refresh_from_db()
    assert pending.email == ""
    soup.refresh_from_db()
    assert EMAIL not in soup.contact and "Sanne" in soup.contact
    assert not Report.objects.filter(reporter_key=f"user:{user_id}").exists()
    assert not CrownJewel.objects.filter(person_email__iexact=EMAIL).exists()
    # The audit log keeps what happened, not who.
    assert not LogEntry.objects.filter(actor_id=user_id).exists()
    for entry in LogEntry.objects.values():
        assert EMAIL not in json.dumps(entry, default=str).lower()
        assert NAME not in json.dumps(entry, default=str)


def test_the_last_administrator_cannot_remove_their_account(client_as, make_user, in_english):
    admin = make_user("admin")
    TOTP.activate(admin, generate_totp_secret())
    client = client_as("admin")

    response = client.post(reverse("account_delete"), {"confirm": "on"})

    assert response.status_code == 200
    assert "You are the last administrator of Kompas" in response.content.decode()
    assert User.objects.filter(pk=admin.pk).exists()
    with pytest.raises(PermissionDenied):
        privacy_services.delete_account(admin)

    UserFactory(email="tweede-beheerder@example.org", role=Role.ADMIN)
    response = client.post(reverse("account_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=admin.pk).exists()
