"""What waits for attention (/aandacht/): obstacles without a first answer go to the
department the initiative named, else to its kern's contact persons, else to every staff
member; requests to join reach those who know the initiative. Staff only; staff land there
after signing in."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.adapters import AccountAdapter
from conversations import services as conversations_services
from conversations.selectors import join_requests_waiting_for
from initiatives.models import JoinRequest
from kompas.choices import InitiativeStatus, ObstacleStatus, Visibility
from obstacles import services as obstacles_services
from obstacles.models import Obstacle
from obstacles.selectors import obstacles_waiting_for
from tests.factories import (
    DepartmentFactory,
    InitiativeFactory,
    KernFactory,
    ObstacleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"
URL = "/aandacht/"


@pytest.fixture
def kern():
    return KernFactory(name="Veldwijk")


@pytest.fixture
def initiative(kern):
    return InitiativeFactory(name="Soepgroep", kern=kern, status=InitiativeStatus.PUBLIC)


@pytest.fixture
def social_team():
    return DepartmentFactory(name="Sociaal team")


@pytest.fixture
def space():
    return DepartmentFactory(name="Openbare ruimte")


def staff_in(department, **kwargs):
    return UserFactory(staff=True, department=department, **kwargs)


def test_a_named_department_goes_to_its_members_and_no_one_else(
    initiative, kern, social_team, space
):
    member = staff_in(social_team)
    other = staff_in(space)
    contact = staff_in(space)
    kern.contact_persons.add(contact)
    obstacle = ObstacleFactory(initiative=initiative, department=social_team)

    assert list(obstacles_waiting_for(member)) == [obstacle]
    assert list(obstacles_waiting_for(other)) == []
    assert list(obstacles_waiting_for(contact)) == []


def test_without_a_department_it_goes_to_the_contact_persons_of_the_kern(
    initiative, kern, social_team, space
):
    contact = staff_in(space)
    other = staff_in(social_team)
    kern.contact_persons.add(contact)
    obstacle = ObstacleFactory(initiative=initiative, organisation="De woningcorporatie")

    assert list(obstacles_waiting_for(contact)) == [obstacle]
    assert list(obstacles_waiting_for(other)) == []


def test_a_department_nobody_works_at_goes_to_the_contact_persons(initiative, kern, space):
    contact = staff_in(space)
    kern.contact_persons.add(contact)
    empty = DepartmentFactory(name="Publiekszaken")
    obstacle = ObstacleFactory(initiative=initiative, department=empty)

    assert list(obstacles_waiting_for(contact)) == [obstacle]


def test_with_neither_it_goes_to_every_staff_member(initiative, social_team, space):
    everyone = [staff_in(social_team), staff_in(space), UserFactory(admin=True)]
    obstacle = ObstacleFactory(initiative=initiative)
    no_kern = ObstacleFactory(
        initiative=InitiativeFactory(name="Wensbus", kern=None, status=InitiativeStatus.PUBLIC)
    )

    for person in everyone:
        assert set(obstacles_waiting_for(person)) == {obstacle, no_kern}


def test_a_shared_obstacle_reaches_staff_too(initiative, social_team):
    member = staff_in(social_team)
    obstacle = ObstacleFactory(
        initiative=initiative, department=social_team, visibility=Visibility.SHARED
    )

    assert list(obstacles_waiting_for(member)) == [obstacle]


def test_the_page_shows_since_when_it_waits_and_links_to_it(client, initiative, social_team):
    member = staff_in(social_team)
    obstacle = ObstacleFactory(initiative=initiative, department=social_team)
    Obstacle.objects.filter(pk=obstacle.pk).update(created_at=timezone.now() - timedelta(days=3))
    client.force_login(member)

    page = client.get(URL).content.decode().replace("\xa0", " ")

    assert obstacle.get_absolute_url() in page
    assert "wacht al 3 dagen" in page


def test_an_answered_obstacle_leaves_the_list(client, initiative, social_team):
    member = staff_in(social_team)
    obstacle = ObstacleFactory(initiative=initiative, department=social_team)
    client.force_login(member)
    assert obstacle.get_absolute_url() in client.get(URL).content.decode()

    obstacles_services.answer_obstacle(
        obstacle, member, status=ObstacleStatus.LOOKING, answer="We kijken ernaar."
    )

    assert list(obstacles_waiting_for(member)) == []
    assert obstacle.get_absolute_url() not in client.get(URL).content.decode()


def test_empty_sections_say_so_kindly(client, social_team):
    client.force_login(staff_in(social_team))

    page = client.get(URL).content.decode()

    assert "Geen drempel wacht op een antwoord van jou" in page
    assert "Niemand wacht om mee te doen" in page


def test_requests_to_join_reach_those_who_know_the_initiative(client, initiative, social_team):
    knows = staff_in(social_team)
    stranger = staff_in(social_team)
    conversations_services.log_conversation(
        knows,
        conversations_services.ConversationData(learned="Ze koken.", initiatives=[initiative]),
    )
    request = JoinRequest.objects.create(initiative=initiative, user=UserFactory())

    assert list(join_requests_waiting_for(knows)) == [request]
    assert list(join_requests_waiting_for(stranger)) == []
    client.force_login(knows)
    assert initiative.get_absolute_url() in client.get(URL).content.decode()


@pytest.mark.parametrize("role", ["resident", "council"])
def test_residents_and_council_members_cannot_open_it(client_as, role):
    assert client_as(role).get(URL).status_code == 403


def test_a_visitor_is_asked_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_url_is_named_attention():
    assert reverse("attention") == URL


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def test_staff_land_on_it_after_signing_in(client, social_team):
    verified(staff_in(social_team, email="ambtenaar@example.org"))

    response = client.post(
        reverse("account_login"), {"login": "ambtenaar@example.org", "password": PASSWORD}
    )

    assert response["Location"] == URL


def test_a_next_given_keeps_precedence(client, social_team):
    verified(staff_in(social_team, email="ambtenaar@example.org"))

    response = client.post(
        reverse("account_login") + "?next=/tips/",
        {"login": "ambtenaar@example.org", "password": PASSWORD},
    )

    assert response["Location"] == "/tips/"


@pytest.mark.parametrize("traits", [{}, {"council": True}])
def test_others_land_where_they_did_before(rf, traits):
    request = rf.get("/")
    request.user = UserFactory(**traits)

    assert AccountAdapter(request).get_login_redirect_url(request) == reverse("home")


def test_a_constant_number_of_queries_for_few_and_many_rows(client, kern, social_team):
    member = staff_in(social_team)
    client.force_login(member)

    def add(count):
        for number in range(count):
            initiative = InitiativeFactory(
                name=f"Groep {number} {count}", kern=kern, status=InitiativeStatus.PUBLIC
            )
            ObstacleFactory(initiative=initiative, department=social_team)
            conversations_services.log_conversation(
                member,
                conversations_services.ConversationData(
                    learned="Ze koken.", initiatives=[initiative]
                ),
            )
            JoinRequest.objects.create(initiative=initiative, user=UserFactory())

    add(1)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    add(9)
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL).content.decode()

    assert page.count('id="drempel-') == 10
    assert page.count('id="verzoek-') == 10
    assert len(many) == len(few)


def test_a_department_whose_people_all_left_goes_on_to_the_kern(initiative, kern, space):
    gone = DepartmentFactory(name="Publiekszaken")
    staff_in(gone, is_active=False)
    contact = staff_in(space)
    kern.contact_persons.add(contact)
    obstacle = ObstacleFactory(initiative=initiative, department=gone)

    assert list(obstacles_waiting_for(contact)) == [obstacle]


def test_a_resident_is_routed_nothing(initiative):
    ObstacleFactory(initiative=initiative)

    assert list(obstacles_waiting_for(UserFactory())) == []
    assert list(join_requests_waiting_for(UserFactory())) == []
