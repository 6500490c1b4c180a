import pytest

from portal import roles
from tests.projects.factories import ProjectIndexPageFactory


@pytest.fixture
def project_index(home):
    """The projects section at /projects/, with the staff groups' permissions on it."""
    index = ProjectIndexPageFactory(parent=home)
    roles.ensure_roles()
    return index
